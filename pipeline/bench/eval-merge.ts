/**
 * eval, cross-source matching (issue 18 §2): how well the matcher (curate/match-records.ts) makes one
 * row of each real flow and event the development corpus reports in several articles, scored against
 * the gold ids (flow_id, event_id: articles that report the same flow share it; gold.schema.json).
 * Two figures, on two inputs:
 *   - merge recall: pairs of records of different articles with one gold id that end in one cluster,
 *     over all such pairs; false merges: pairs in one cluster whose gold ids differ (pairs with a record
 *     the gold lacks, which the machine made up, are counted apart);
 *   - on the gold records themselves (the rules alone, with the curator's readings), and end to end on
 *     the machine tier's records (discovery, drafting and entity matching included: a flow the drafts
 *     miss or misread cannot be merged).
 * main() returns a Markdown section; pipeline/bench/eval.ts prints it after the tier's scores.
 */
import fs from 'node:fs'
import path from 'node:path'
import { assembleMachine } from '../03-assemble.ts'
import { articleMentions, curatedNames, proposalEntity } from '../curate/discovered.ts'
import { draftRecords } from '../curate/draft-records.ts'
import { type Entity, readEntityList } from '../curate/entity-list.ts'
import {
  type EntityRow,
  type EventRecord,
  type FundingRecord,
  MATCH_RULES_VERSION,
  type MatchResult,
  matchEntities,
  matchEvents,
  matchFunding,
  type SourceInfo,
} from '../curate/match-records.ts'
import { foldText } from '../normalize/text.ts'
import { readJson } from '../store/files.ts'
import { ingest, listSources } from '../store/sources.ts'
import type { SourceMeta } from '../store/stage-outputs.ts'

interface GoldFlow {
  flow_id: string
  recipient: string
  funders: { entity: string; lead: boolean }[]
  round: string | null
  type: string
  status: string
  amount: number | null
  amount_low: number | null
  amount_high: number | null
  currency: string | null
  amount_qualifier: string | null
  date_start: string | null
  date_end: string | null
}
interface GoldEvent {
  event_id: string
  type: string
  subject: string
  object?: string | null
  date_start: string | null
  date_end: string | null
}
interface Gold {
  source_id: string
  entities: { entity_id: string; as_written: string[] }[]
  funding: GoldFlow[]
  events: GoldEvent[]
}

export interface MergeScore {
  /** pairs of records (different articles, one gold id) */
  pairs: number
  /** of those, in one cluster */
  merged: number
  /** pairs in one cluster whose gold ids differ */
  false_merges: number
  /** pairs in one cluster one of which is no gold record (a record the machine made up, merged with another) */
  unmatched: number
  /** what each false merge and each missed pair was, for the report */
  cases: string[]
}

/** Scores clusters against gold ids: every record a (source, id) with its gold id or null. */
export function scoreClusters(records: { key: string; source: string; gold: string | null }[], clusterOf: (key: string) => string): MergeScore {
  const s: MergeScore = { pairs: 0, merged: 0, false_merges: 0, unmatched: 0, cases: [] }
  const show = (r: { key: string; gold: string | null }) => `${r.key.replace('\u0000', ' ')} (${r.gold ?? 'no gold record'})`
  for (let i = 0; i < records.length; i++)
    for (let j = i + 1; j < records.length; j++) {
      const [a, b] = [records[i], records[j]]
      if (a.source === b.source) continue
      const same = clusterOf(a.key) === clusterOf(b.key)
      if (a.gold !== null && a.gold === b.gold) {
        s.pairs++
        if (same) s.merged++
        else s.cases.push(`missed: ${show(a)} and ${show(b)}`)
      } else if (same && a.gold !== null && b.gold !== null) {
        s.false_merges++
        s.cases.push(`false merge: ${show(a)} and ${show(b)}`)
      } else if (same) {
        s.unmatched++
        s.cases.push(`merged, not in the gold: ${show(a)} and ${show(b)}`)
      }
    }
  return s
}

const precisionOf = (d: string | null, e: string | null) => (d === null && e === null ? 'unknown' : d === e ? 'day' : 'unknown')

const clusterFn = (m: MatchResult) => {
  const to = new Map(m.ranked.map((r) => [`${r.source_id}\u0000${r.record_id}`, r.to_id]))
  return (key: string) => to.get(key) ?? key
}

/** The rules alone: the gold records of every article, matched as if they were machine records. */
function onGold(golds: Gold[], sources: Map<string, SourceInfo>): { funding: MergeScore; events: MergeScore } {
  const flows: FundingRecord[] = golds.flatMap((g) =>
    g.funding.map((f, i) => ({
      funding_id: `${g.source_id}-f${i}`,
      source_id: g.source_id,
      review_status: 'machine' as const,
      recipient_id: f.recipient,
      funding_type: f.type,
      round: f.round,
      status: f.status,
      amount: f.amount,
      currency: f.currency,
      amount_qualifier: f.amount_qualifier,
      amount_low: f.amount_low,
      amount_high: f.amount_high,
      date_start: f.date_start,
      date_end: f.date_end,
      date_precision: precisionOf(f.date_start, f.date_end),
      event_id: null,
      funders: f.funders.map((x) => x.entity),
    })),
  )
  const events: EventRecord[] = golds.flatMap((g) =>
    g.events.map((e, i) => ({
      event_id: `${g.source_id}-e${i}`,
      source_id: g.source_id,
      review_status: 'machine' as const,
      event_type: e.type,
      subject_id: e.subject,
      status: 'reported',
      date_start: e.date_start,
      date_end: e.date_end,
      date_precision: precisionOf(e.date_start, e.date_end),
      participants: e.object ? [{ entity_id: e.object, role: 'object' }] : [],
    })),
  )
  const fm = matchFunding(flows, sources)
  const em = matchEvents(events, sources, [], { ranked: [], conflicts: [], clusters: [] })
  const fGold = new Map(golds.flatMap((g) => g.funding.map((f, i) => [`${g.source_id}\u0000${g.source_id}-f${i}`, f.flow_id] as const)))
  const eGold = new Map(golds.flatMap((g) => g.events.map((e, i) => [`${g.source_id}\u0000${g.source_id}-e${i}`, e.event_id] as const)))
  const records = (m: Map<string, string>) => [...m.entries()].map(([key, gold]) => ({ key, source: key.split('\u0000')[0], gold }))
  return { funding: scoreClusters(records(fGold), clusterFn(fm)), events: scoreClusters(records(eGold), clusterFn(em)) }
}

/** End to end: each article's machine records, entities matched across articles, then flows and events. */
function onMachine(corpus: string, ids: string[], golds: Map<string, Gold>, list: Entity[], goldList: Map<string, Entity>, sources: Map<string, SourceInfo>) {
  const names = curatedNames(list)
  const entityRows: EntityRow[] = list.map((e) => ({ ...e, review_status: 'reviewed' as const, source_id: '' }))
  const perSource: { id: string; funding: FundingRecord[]; events: EventRecord[]; byName: (e: string) => string | null }[] = []
  for (const id of ids) {
    const dir = path.join(corpus, id)
    const meta = readJson<SourceMeta>(path.join(dir, 'source.json'))
    const doc = ingest(meta, fs.readFileSync(path.join(dir, 'article.txt')), path.join(dir, 'article.txt'))
    const { mentions, discovered } = articleMentions(doc.text, meta, names)
    const found = discovered.map(proposalEntity)
    const all = new Map([...list, ...found].map((e) => [e.entity_id, e]))
    for (const e of found) entityRows.push({ ...e, review_status: 'machine', source_id: id })
    const lookup = (x: string) => ({ en: all.get(x)?.name_en ?? x, zh: all.get(x)?.name_zh ?? null })
    const input = { sourceId: id, text: doc.text, sentences: doc.sentences, mentions, publishedOn: meta.published_on, names: lookup }
    const out = assembleMachine(doc, mentions, draftRecords(input).document, all)
    const gold = golds.get(id) as Gold
    const goldByForm = new Map<string, string>()
    for (const g of gold.entities) {
      const e = goldList.get(g.entity_id)
      for (const f of [...g.as_written, ...(e ? [e.name_en, e.name_zh ?? '', ...e.aliases] : [])]) if (f) goldByForm.set(foldText(f), g.entity_id)
    }
    const byName = (x: string) => {
      const e = all.get(x)
      for (const f of e ? [e.name_en, e.name_zh ?? '', ...e.aliases] : []) if (f && goldByForm.has(foldText(f))) return goldByForm.get(foldText(f)) as string
      return null
    }
    const funders = (fid: unknown) => out.funders.filter((f) => f.funding_id === fid).map((f) => String(f.entity_id))
    perSource.push({
      id,
      byName,
      funding: out.funding.map((r) => ({ ...(r as unknown as FundingRecord), source_id: id, funders: funders(r.funding_id) })),
      events: out.events.map((r) => ({
        ...(r as unknown as EventRecord),
        source_id: id,
        participants: out.event_participants
          .filter((p) => p.event_id === r.event_id && p.role !== 'subject')
          .map((p) => ({ entity_id: String(p.entity_id), role: String(p.role) })),
      })),
    })
  }
  const em = matchEntities(entityRows)
  const to = (e: string) => em.map.get(e) ?? e
  const funding = perSource.flatMap((s) => s.funding.map((f) => ({ ...f, recipient_id: to(f.recipient_id), funders: f.funders.map(to) })))
  const events = perSource.flatMap((s) =>
    s.events.map((e) => ({ ...e, subject_id: to(e.subject_id), participants: e.participants.map((p) => ({ ...p, entity_id: to(p.entity_id) })) })),
  )
  const fm = matchFunding(funding, sources)
  const evm = matchEvents(events, sources, funding, fm)
  // a machine record is the gold flow of its article with its recipient, round and amount (else its amount, else its round, else the only one)
  const goldFlow = (s: (typeof perSource)[number], f: FundingRecord) => {
    const recipient = s.byName(f.recipient_id)
    const cands = (golds.get(s.id) as Gold).funding.filter((g) => g.recipient === recipient)
    const round = (g: GoldFlow) => g.round !== null && g.round === f.round
    const amount = (g: GoldFlow) => g.amount !== null && g.amount === f.amount && g.currency === f.currency
    const hit = cands.find((g) => round(g) && amount(g)) ?? cands.find(amount) ?? cands.find(round) ?? (cands.length === 1 ? cands[0] : undefined)
    return hit?.flow_id ?? null
  }
  const goldEvent = (s: (typeof perSource)[number], e: EventRecord) =>
    (golds.get(s.id) as Gold).events.find((g) => g.type === e.event_type && g.subject === s.byName(e.subject_id))?.event_id ?? null
  const fRecords = perSource.flatMap((s) => s.funding.map((f) => ({ key: `${s.id}\u0000${f.funding_id}`, source: s.id, gold: goldFlow(s, f) })))
  const eRecords = perSource.flatMap((s) =>
    s.events.filter((e) => e.event_type !== 'funding').map((e) => ({ key: `${s.id}\u0000${e.event_id}`, source: s.id, gold: goldEvent(s, e) })),
  )
  // entities: gold entities named in several articles, and under how many ids they end
  const ids2 = new Map<string, Set<string>>()
  for (const s of perSource)
    for (const f of s.funding)
      for (const e of [f.recipient_id, ...f.funders]) {
        const g = s.byName(e)
        if (g) ids2.set(g, new Set([...(ids2.get(g) ?? []), to(e)]))
      }
  const split = [...ids2.entries()].filter(([, x]) => x.size > 1).map(([g, x]) => `${g} (${[...x].sort().join(', ')})`)
  return {
    funding: scoreClusters(fRecords, clusterFn(fm)),
    events: scoreClusters(eRecords, clusterFn(evm)),
    entities: { merged: em.map.size, named: ids2.size, split },
  }
}

const row = (what: string, s: MergeScore) =>
  `| ${what} | ${s.pairs} | ${s.merged} | ${s.pairs ? (s.merged / s.pairs).toFixed(3) : '1.000'} | ${s.false_merges} | ${s.unmatched} |`

export function mergeReport(corpus: string, entities: Entity[], mode: string): string {
  const ids = listSources(corpus)
  const goldList = new Map(readEntityList(path.join(corpus, 'entities.json')).map((e) => [e.entity_id, e]))
  const golds = new Map(ids.map((id) => [id, readJson<Gold>(path.join(corpus, id, 'gold.json'))]))
  const sources = new Map(ids.map((id) => [id, { published_on: readJson<SourceMeta>(path.join(corpus, id, 'source.json')).published_on }]))
  const gold = onGold([...golds.values()], sources)
  const machine = onMachine(corpus, ids, golds, entities, goldList, sources)
  return [
    `### Cross-source matching (conventions ${MATCH_RULES_VERSION}), entity list: ${mode}`,
    '',
    '| records | pairs reported by two articles | merged | merge recall | false merges | merged pairs with a record not in the gold |',
    '|---|---|---|---|---|---|',
    row('gold flows (the rules alone)', gold.funding),
    row('gold events (the rules alone)', gold.events),
    row('machine flows (end to end)', machine.funding),
    row('machine events (end to end)', machine.events),
    '',
    ...[gold.funding, gold.events, machine.funding, machine.events].flatMap((x) => x.cases).map((c) => `- ${c}`),
    '',
    `Entities: ${machine.entities.merged} discovered id(s) merged into another; of ${machine.entities.named} gold entities the machine flows name, ${machine.entities.split.length} still under two or more ids${machine.entities.split.length ? `: ${machine.entities.split.join('; ')}` : ''}.`,
    '',
  ].join('\n')
}
