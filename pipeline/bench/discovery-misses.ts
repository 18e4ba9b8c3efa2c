/**
 * Entity discovery against the corpus gold, article by article: what it misses and what it proposes that the
 * gold lacks. For every article: the curated list's matcher (extractMentions), then discovery (discoverIn with
 * knownForms of the list), as 02-extract runs them; each gold entity is found when a mention (curated or
 * discovered) carries one of its forms (as_written, or a name or alias of the corpus's entities.json).
 *   node --import tsx pipeline/bench/discovery-misses.ts [--corpus test/fixtures/corpus] [--half dev|held-out|all] [--quiet]
 * out: per article (of --half, default all) the misses (-) and extras (+), then recall and precision per part of the corpus (ids c01–c42
 * are the development articles, c43 on the held-out ones: test/fixtures/corpus/README.md), counted as `make eval` counts its entities row.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { articleMentions, curatedNames } from '../curate/discovered.ts'
import { type Entity, readEntityList } from '../curate/entity-list.ts'
import { foldText } from '../normalize/text.ts'
import { readJson } from '../store/files.ts'
import { DEFAULT_ENTITIES, ROOT } from '../store/layout.ts'
import { isMain, runStage, UserError } from '../store/run.ts'
import { ingest, listSources } from '../store/sources.ts'
import type { SourceMeta } from '../store/stage-outputs.ts'

interface Gold {
  entities: { entity_id: string; as_written: string[] }[]
}

export interface ArticleDiscovery {
  source_id: string
  /** gold entities no mention names: their as_written forms */
  misses: { entity_id: string; forms: string[] }[]
  /** discovered names that are no gold entity's: the name as proposed, with its cue */
  extras: { name: string; cue: string }[]
  gold: number
  found: number
  /** distinct machine entities (curated or discovered) with a mention, and how many of them are gold entities */
  machine: number
  right: number
}

/** Discovery on one corpus article, compared with its gold by name. */
export function discoverArticle(dir: string, curated: Entity[], goldList: Map<string, Entity>): ArticleDiscovery {
  const meta = readJson<SourceMeta>(path.join(dir, 'source.json'))
  const gold = readJson<Gold>(path.join(dir, 'gold.json'))
  const articleFile = path.join(dir, 'article.txt')
  const doc = ingest(meta, fs.readFileSync(articleFile), articleFile)
  // as 02-extract does: names the list lacks are discovered, and the machine tier may name them
  const { mentions, discovered } = articleMentions(doc.text, meta, curatedNames(curated))

  const goldByForm = new Map<string, string>()
  for (const g of gold.entities) {
    const e = goldList.get(g.entity_id)
    for (const f of [...g.as_written, ...(e ? [e.name_en, e.name_zh ?? '', ...e.aliases] : [])]) if (f) goldByForm.set(foldText(f), g.entity_id)
  }
  const formsOf = new Map<string, string[]>()
  for (const e of curated) formsOf.set(e.entity_id, [e.name_en, e.name_zh ?? '', ...e.aliases])
  for (const p of discovered) formsOf.set(p.entity_id, [p.name_en, p.name_zh ?? '', ...p.aliases])
  const goldOf = (id: string) => (formsOf.get(id) ?? []).map((f) => f && goldByForm.get(foldText(f))).find(Boolean)

  const machine = new Set(mentions.flatMap((m) => (m.kind === 'entity' ? [m.entity_id] : [])))
  const hit = new Set([...machine].map(goldOf).filter((x): x is string => !!x))
  const extras = discovered
    .filter((p) => machine.has(p.entity_id) && !goldOf(p.entity_id))
    .map((p) => ({ name: p.name_zh ?? p.name_en, cue: [...new Set(p.occurrences.map((o) => o.cue))].join('+') }))
  const misses = gold.entities.filter((g) => !hit.has(g.entity_id)).map((g) => ({ entity_id: g.entity_id, forms: g.as_written }))
  // as make eval counts: distinct gold ids the machine's entities resolve to, against every distinct machine entity
  const resolved = new Set([...machine].map((id) => goldOf(id) ?? `?${id}`))
  return {
    source_id: path.basename(dir),
    misses,
    extras,
    gold: gold.entities.length,
    found: hit.size,
    machine: resolved.size,
    right: [...resolved].filter((x) => !x.startsWith('?')).length,
  }
}

const HELD_OUT_FROM = 43
const articleNumber = (id: string) => Number(/^c(\d+)/.exec(id)?.[1] ?? Number.NaN)

export function main(corpus: string, quiet: boolean, half: 'dev' | 'held-out' | 'all' = 'all'): string {
  const goldList = new Map(readEntityList(path.join(corpus, 'entities.json')).map((e) => [e.entity_id, e]))
  const curated = readEntityList(DEFAULT_ENTITIES)
  const results = listSources(corpus).map((id) => discoverArticle(path.join(corpus, id), curated, goldList))
  const lines: string[] = []
  if (!quiet)
    for (const r of results) {
      const n = articleNumber(r.source_id)
      if ((half === 'dev' && !(n < HELD_OUT_FROM)) || (half === 'held-out' && !(n >= HELD_OUT_FROM))) continue
      if (!r.misses.length && !r.extras.length) continue
      lines.push(`${r.source_id}  (${r.found}/${r.gold})`)
      for (const m of r.misses) lines.push(`  - ${m.forms.join(' / ')}  [${m.entity_id}]`)
      for (const x of r.extras) lines.push(`  + ${x.name}  (${x.cue})`)
    }
  const halves: [string, ArticleDiscovery[]][] = [
    ['development c01–c42', results.filter((r) => articleNumber(r.source_id) < HELD_OUT_FROM)],
    ['held-out c43–', results.filter((r) => articleNumber(r.source_id) >= HELD_OUT_FROM)],
    ['all', results],
  ]
  lines.push('', '| half | gold | machine | right | recall | precision |', '|---|---|---|---|---|---|')
  for (const [label, rs] of halves) {
    const sum = (k: 'gold' | 'found' | 'machine' | 'right') => rs.reduce((s, r) => s + r[k], 0)
    const [g, m, right] = [sum('gold'), sum('machine'), sum('right')]
    lines.push(`| ${label} | ${g} | ${m} | ${right} | ${(right / Math.max(1, g)).toFixed(3)} | ${(right / Math.max(1, m)).toFixed(3)} |`)
  }
  return `${lines.join('\n')}\n`
}

if (isMain(import.meta.url)) {
  runStage('discovery-misses', () => {
    const { values } = parseArgs({
      options: {
        corpus: { type: 'string', default: path.join(ROOT, 'test', 'fixtures', 'corpus') },
        quiet: { type: 'boolean', default: false },
        half: { type: 'string', default: 'all' },
      },
    })
    const half = values.half
    if (half !== 'dev' && half !== 'held-out' && half !== 'all') throw new UserError(`--half: found "${half}", expected dev, held-out or all`)
    process.stdout.write(main(values.corpus, values.quiet, half))
  })
}
