/**
 * The names discovery finds in one article, joined to its mentions: each proposal whose id is not
 * already a curated entity's (else the id gets a numeric suffix), and an entity mention for each of
 * its occurrences that overlaps no mention the normalizers found. 02-extract stores both; the machine
 * tier's records may refer to them, and they become entity rows of the machine tier.
 */
import { buildEntityMatcher, type EntityMatcher } from '../normalize/entities.ts'
import { extractMentions, type Mention } from '../normalize/mentions.ts'
import { currencyForLocale } from '../normalize/money.ts'
import type { SourceMeta } from '../store/stage-outputs.ts'
import { discoverEntities, type EntityProposal, type KnownNames, knownForms } from './discover-entities.ts'
import type { Entity } from './entity-list.ts'
import { mentionIndex } from './mention-index.ts'
import { openccScript } from './opencc-script.ts'

export function discoverIn(
  text: string,
  mentions: Mention[],
  known: KnownNames,
  curatedIds: Set<string>,
): { mentions: Mention[]; discovered: EntityProposal[] } {
  const taken = new Set(curatedIds)
  const discovered = discoverEntities(text, known).map((p) => {
    let id = p.entity_id
    for (let n = 2; taken.has(id); n++) id = `${p.entity_id}-${n}`
    taken.add(id)
    return { ...p, entity_id: id }
  })
  // a number inside a name (云帆二期基金, Baichuan-7B) is part of the name, not a quantity: the name takes its characters.
  // Overlapping [s, e): a mention starting before s that ends after it, or one starting inside that is not such a number.
  const index = mentionIndex(mentions)
  const overlaps = (s: number, e: number) =>
    index.overlaps(s, s) || index.startingIn(s, e).some((k) => !(mentions[k].kind === 'number' && mentions[k].end <= e))
  const added: Mention[] = discovered.flatMap((p) =>
    p.occurrences
      .filter((o) => !overlaps(o.start, o.end))
      .map((o) => ({ kind: 'entity' as const, start: o.start, end: o.end, text: o.text, entity_id: p.entity_id, entity_type: p.entity_type })),
  )
  if (!added.length) return { mentions, discovered }
  // the numbers a discovered name took in: found through the index, one lookup per name
  const inNames = new Set(added.flatMap((a) => index.within(a.start, a.end).filter((k) => mentions[k].kind === 'number')))
  const kept = mentions.filter((_, k) => !inNames.has(k))
  return { mentions: [...kept, ...added].sort((a, b) => a.start - b.start || a.end - b.end), discovered }
}

/** A proposal as an entry of the entity list, so records of the machine tier can name it; its description says how it was found. */
export function proposalEntity(p: EntityProposal): Entity {
  const cues = [...new Set(p.occurrences.map((o) => o.cue))].join(', ')
  return {
    entity_id: p.entity_id,
    entity_type: p.entity_type,
    name_en: p.name_en,
    name_zh: p.name_zh,
    aliases: p.aliases,
    wikidata_id: null,
    description_en: `Found in the text by entity discovery (${cues}); not reviewed.`,
  }
}

/** What an article is read against: the curated list's matcher (names in either script), its known forms and its ids (built once per list). */
export interface CuratedNames {
  matcher: EntityMatcher
  known: KnownNames
  ids: Set<string>
}

export function curatedNames(list: Entity[]): CuratedNames {
  return { matcher: buildEntityMatcher(list, openccScript()), known: knownForms(list), ids: new Set(list.map((e) => e.entity_id)) }
}

/**
 * An article's mentions as 02-extract finds them (and make candidates and the benchmarks, the same
 * way): the normalizers, with a bare 元 in the source's currency_default, else its locale's (zh-HK:
 * HKD), else CNY; then the names the curated list lacks.
 */
export function articleMentions(text: string, source: SourceMeta, names: CuratedNames): { mentions: Mention[]; discovered: EntityProposal[] } {
  const currencyDefault = source.currency_default ?? currencyForLocale(source.language)
  const found = extractMentions(text, { referenceDate: source.published_on, entities: names.matcher, currencyDefault })
  return discoverIn(text, found, names.known, names.ids)
}
