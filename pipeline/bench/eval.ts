/**
 * eval: how well the machine tier reads the development corpus (test/fixtures/corpus), scored
 * against each article's gold.json (schema: test/fixtures/corpus/gold.schema.json).
 * For every article: ingest, extract (entity discovery included, as in 02-extract), draft (curate/draft-records.ts), assemble the machine records
 * (03-assemble's rules); then compare with the gold:
 *   - funding flows: recipient + funders + amount, all three right;
 *   - rounds and statuses: recipient + round, recipient + amount + status;
 *   - events: type + subject;
 *   - entity discovery: gold entities whose name the machine found, and machine names the gold lacks;
 *   - lines changed: lines a curator adds or removes to turn the draft's records into the gold's,
 *     both written one field a line in one order (a measure of review effort, not a YAML diff).
 * Entities are compared by name, not id: a machine entity is the gold entity one of whose names it has.
 * Two entity lists: `curated` (raw/entities.json, the list a new article really meets: discovery
 * must find the rest) and `gold` (the corpus's own list: the drafting rules alone).
 *   node --import tsx pipeline/bench/eval.ts [--corpus test/fixtures/corpus] [--entities curated|gold] [--articles c43-c50] [--verbose]
 * --articles scores only the articles whose ids start with c43 … c50 (a range of the cNN prefixes), e.g. the
 * held-out articles the corpus README lists.
 * out: a Markdown report on stdout; progress on stderr. --verbose adds, per article, the gold and the
 * machine flows and events, the records the machine tier left out with their reasons and the cues the drafter
 * skipped, so that each miss has a visible cause (the scores are the same with or without it).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { assembleMachine } from '../03-assemble.ts'
import { articleMentions, curatedNames, proposalEntity } from '../curate/discovered.ts'
import { draftRecords } from '../curate/draft-records.ts'
import { type Entity, readEntityList } from '../curate/entity-list.ts'
import { foldText } from '../normalize/text.ts'
import { readJson } from '../store/files.ts'
import { DEFAULT_ENTITIES, ROOT } from '../store/layout.ts'
import { isMain, log, runStage, UserError } from '../store/run.ts'
import { ingest, listSources } from '../store/sources.ts'
import type { Row, SourceMeta } from '../store/stage-outputs.ts'
import { mergeReport } from './eval-merge.ts'

interface GoldFlow {
  flow_id: string
  recipient: string
  funders: { entity: string; lead: boolean }[]
  round: string | null
  status: string
  amount: number | null
  amount_low: number | null
  amount_high: number | null
  currency: string | null
}
interface Gold {
  source_id: string
  kind: string
  entities: { entity_id: string; as_written: string[] }[]
  funding: GoldFlow[]
  metrics: { measure: string; subject: string }[]
  events: { type: string; subject: string }[]
}

/** Precision, recall and F1 of two multisets of keys. */
export interface Score {
  tp: number
  machine: number
  gold: number
}
const emptyScore = (): Score => ({ tp: 0, machine: 0, gold: 0 })

export function scoreKeys(machine: string[], gold: string[], into: Score = emptyScore()): Score {
  const left = new Map<string, number>()
  for (const k of gold) left.set(k, (left.get(k) ?? 0) + 1)
  for (const k of machine) {
    const n = left.get(k) ?? 0
    if (n > 0) {
      into.tp++
      left.set(k, n - 1)
    }
  }
  into.machine += machine.length
  into.gold += gold.length
  return into
}

export const precision = (s: Score) => (s.machine ? s.tp / s.machine : 1)
export const recall = (s: Score) => (s.gold ? s.tp / s.gold : 1)
export const f1 = (s: Score) => {
  const [p, r] = [precision(s), recall(s)]
  return p + r ? (2 * p * r) / (p + r) : 0
}

/** Lines only one of two texts has (a line diff's additions plus removals, by longest common subsequence). */
export function linesChanged(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1])
  return a.length + b.length - 2 * dp[0][0]
}

/** Maps an entity id of the machine's list to the gold entity that shares one of its names, else keeps it marked as unmatched. */
function resolver(machineEntities: Entity[], gold: Gold, goldList: Map<string, Entity>): (id: string | null) => string {
  const goldByForm = new Map<string, string>()
  for (const g of gold.entities) {
    const e = goldList.get(g.entity_id)
    const forms = [...g.as_written, ...(e ? [e.name_en, e.name_zh ?? '', ...e.aliases] : [])]
    for (const f of forms) if (f) goldByForm.set(foldText(f), g.entity_id)
  }
  const byId = new Map(machineEntities.map((e) => [e.entity_id, e]))
  return (id) => {
    if (id === null) return '-'
    const e = byId.get(id)
    const forms = e ? [e.name_en, e.name_zh ?? '', ...e.aliases] : []
    for (const f of forms) {
      const hit = f && goldByForm.get(foldText(f))
      if (hit) return hit
    }
    return `?${id}`
  }
}

const amountKey = (x: { amount: unknown; amount_low?: unknown; amount_high?: unknown }) =>
  x.amount === null || x.amount === undefined ? `${x.amount_low ?? '-'}..${x.amount_high ?? '-'}` : String(Number(x.amount))

export interface ArticleResult {
  source_id: string
  kind: string
  flows: Score
  rounds: Score
  statuses: Score
  events: Score
  entities: Score
  lines: number
  /** With verbose: what the gold says, what the machine made, and what it left out or skipped, as Markdown lines. */
  detail?: string[]
}

/** Scores the machine tier on one corpus article. */
export function evaluateArticle(dir: string, entities: Entity[], goldList: Map<string, Entity>, verbose = false): ArticleResult {
  const meta = readJson<SourceMeta>(path.join(dir, 'source.json'))
  const gold = readJson<Gold>(path.join(dir, 'gold.json'))
  const articleFile = path.join(dir, 'article.txt')
  const doc = ingest(meta, fs.readFileSync(articleFile), articleFile)
  // as 02-extract does: names the list lacks are discovered, and the machine tier may name them
  const { mentions, discovered } = articleMentions(doc.text, meta, curatedNames(entities))
  const all = [...entities, ...discovered.map(proposalEntity)]
  const byId = new Map(all.map((e) => [e.entity_id, { en: e.name_en, zh: e.name_zh }]))
  const input = { sourceId: meta.source_id, text: doc.text, sentences: doc.sentences, mentions, publishedOn: meta.published_on }
  const { document: draft, skipped } = draftRecords({ ...input, names: (id: string) => byId.get(id) })
  const out = assembleMachine(doc, mentions, draft, new Map(all.map((e) => [e.entity_id, e])))
  const as = resolver(all, gold, goldList)
  const fundersOf = (id: unknown) =>
    out.funders
      .filter((f) => f.funding_id === id)
      .map((f) => as(f.entity_id as string))
      .sort()
  const flowKey = (recipient: string, funders: string[], amount: string) => `${recipient}|${funders.join(',')}|${amount}`
  const machineFlows = out.funding.map((f: Row) => ({ row: f, recipient: as(f.recipient_id as string), funders: fundersOf(f.funding_id) }))
  const round = (r: unknown) => (typeof r === 'string' ? r.toLowerCase() : '-')
  const found = new Set(mentions.filter((m) => m.kind === 'entity').map((m) => as((m as { entity_id: string }).entity_id)))
  const machineLines = (flows: { recipient: string; funders: string[]; amount: string; round: string; status: string }[], events: string[]) => [
    ...flows.flatMap((f) => [
      '- funding',
      `recipient ${f.recipient}`,
      `funders ${f.funders.join(', ')}`,
      `amount ${f.amount}`,
      `round ${f.round}`,
      `status ${f.status}`,
    ]),
    ...events.map((e) => `- event ${e}`),
  ]
  const mFlows = machineFlows.map((f) => ({ ...f, amount: amountKey(f.row as { amount: unknown }), round: round(f.row.round), status: String(f.row.status) }))
  const gFlows = gold.funding.map((g) => ({
    recipient: g.recipient,
    funders: g.funders.map((x) => x.entity).sort(),
    amount: amountKey(g),
    round: round(g.round),
    status: g.status,
  }))
  const mEvents = out.events.filter((e) => e.event_type !== 'funding').map((e) => `${e.event_type} ${as(e.subject_id as string)}`)
  const gEvents = gold.events.map((e) => `${e.type} ${e.subject}`)
  const flowLine = (f: { recipient: string; funders: string[]; amount: string; round: string; status: string }) =>
    `${f.recipient} <- ${f.funders.join(', ') || '(none)'} | ${f.amount} | round ${f.round} | ${f.status}`
  const detail = verbose
    ? [
        `#### ${gold.source_id} (${gold.kind})`,
        ...gFlows.map((f) => `- gold flow: ${flowLine(f)}`),
        ...mFlows.map((f) => `- machine flow: ${flowLine(f)}`),
        ...gEvents.map((e) => `- gold event: ${e}`),
        ...mEvents.map((e) => `- machine event: ${e}`),
        ...out.left_out.map((x) => `- left out ${x.table} ${x.record_id}: ${x.reasons.join('; ')}`),
        ...skipped.map((x) => `- skipped ${x.kind}, line ${x.line}: ${x.reason} «${x.quote}»`),
        '',
      ]
    : undefined
  return {
    source_id: gold.source_id,
    kind: gold.kind,
    flows: scoreKeys(
      mFlows.map((f) => flowKey(f.recipient, f.funders, f.amount)),
      gFlows.map((f) => flowKey(f.recipient, f.funders, f.amount)),
    ),
    rounds: scoreKeys(
      mFlows.map((f) => `${f.recipient}|${f.round}`),
      gFlows.map((f) => `${f.recipient}|${f.round}`),
    ),
    statuses: scoreKeys(
      mFlows.map((f) => `${f.recipient}|${f.amount}|${f.status}`),
      gFlows.map((f) => `${f.recipient}|${f.amount}|${f.status}`),
    ),
    events: scoreKeys(mEvents, gEvents),
    entities: scoreKeys(
      [...found],
      gold.entities.map((e) => e.entity_id),
    ),
    lines: linesChanged(machineLines(mFlows, mEvents), machineLines(gFlows, gEvents)),
    ...(detail ? { detail } : {}),
  }
}

export function report(results: ArticleResult[], label: string): string {
  const total = (k: keyof Pick<ArticleResult, 'flows' | 'rounds' | 'statuses' | 'events' | 'entities'>) =>
    results.reduce((s, r) => ({ tp: s.tp + r[k].tp, machine: s.machine + r[k].machine, gold: s.gold + r[k].gold }), emptyScore())
  const pct = (x: number) => x.toFixed(3)
  const lines = results.map((r) => r.lines).sort((a, b) => a - b)
  const median = lines.length ? (lines[Math.floor((lines.length - 1) / 2)] + lines[Math.ceil((lines.length - 1) / 2)]) / 2 : 0
  const rows = (['flows', 'rounds', 'statuses', 'events', 'entities'] as const).map((k) => {
    const s = total(k)
    return `| ${k} | ${s.gold} | ${s.machine} | ${s.tp} | ${pct(precision(s))} | ${pct(recall(s))} | ${pct(f1(s))} |`
  })
  return [
    `### ${label}: ${results.length} articles`,
    '',
    '| what | gold | machine | right | precision | recall | F1 |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Lines a curator changes per article: median ${median}, mean ${(lines.reduce((a, b) => a + b, 0) / Math.max(1, lines.length)).toFixed(1)}, most ${lines.at(-1) ?? 0}.`,
    '',
  ].join('\n')
}

/** Whether a source id falls in a range of cNN prefixes ("c43-c50"; one prefix "c43"; null: every article). */
export function inRange(id: string, range: string | null): boolean {
  if (!range) return true
  const m = /^c(\d+)(?:-c(\d+))?$/.exec(range)
  if (!m) throw new UserError(`--articles ${range}: expected a range of article prefixes such as c43-c50`)
  const n = Number(/^c(\d+)/.exec(id)?.[1] ?? Number.NaN)
  return n >= Number(m[1]) && n <= Number(m[2] ?? m[1])
}

export function main(corpus: string, mode: 'curated' | 'gold', verbose = false, range: string | null = null): string {
  const goldEntities = readEntityList(path.join(corpus, 'entities.json'))
  const goldList = new Map(goldEntities.map((e) => [e.entity_id, e]))
  const entities = mode === 'gold' ? goldEntities : readEntityList(DEFAULT_ENTITIES)
  const ids = listSources(corpus).filter((id) => inRange(id, range))
  const results = ids.map((id) => evaluateArticle(path.join(corpus, id), entities, goldList, verbose))
  log('eval', `${results.length} articles scored with the ${mode} entity list`)
  const details = results.flatMap((r) => r.detail ?? [])
  // issue 18: merge recall and false merges across the corpus's articles (eval-merge.ts)
  return [report(results, `entity list: ${mode}${range ? `, articles ${range}` : ''}`), mergeReport(corpus, entities, mode), ...details].join('\n')
}

if (isMain(import.meta.url)) {
  runStage('eval', () => {
    const { values } = parseArgs({
      options: {
        corpus: { type: 'string', default: path.join(ROOT, 'test', 'fixtures', 'corpus') },
        entities: { type: 'string', default: 'both' },
        verbose: { type: 'boolean', default: false },
        articles: { type: 'string' },
      },
    })
    const modes = values.entities === 'both' ? (['curated', 'gold'] as const) : [values.entities as 'curated' | 'gold']
    for (const mode of modes) process.stdout.write(`${main(values.corpus, mode, values.verbose, values.articles ?? null)}\n`)
  })
}
