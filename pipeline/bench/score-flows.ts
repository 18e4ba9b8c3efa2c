/**
 * score-flows: the funding rows of a built dataset matched to the flows the benchmark generator planted
 * (truth.jsonl), whatever the rows' ids, so the machine tier's records are scored as the annotated tier's are.
 * Pure: truth and CSV rows in, counts out.
 */
import type { Tier, Truth } from './generate-corpus.ts'

export type Row = Record<string, string>
export const sameNumber = (a: string, b: number | null | undefined) =>
  b === null || b === undefined ? a === '' : a !== '' && Math.abs(Number(a) - b) <= 1e-6 * Math.max(1, Math.abs(b))

/** The same flow: the recipient, the currency and the amount (or, for a vague amount, its bounds) the truth planted. */
const sameFlow = (row: Row, t: Truth) =>
  row.recipient_id === t.subject &&
  row.currency === t.money?.currency &&
  sameNumber(row.amount, t.money?.amount) &&
  (t.money?.amount !== null || (sameNumber(row.amount_low, t.money?.low) && sameNumber(row.amount_high, t.money?.high)))
export const sameDate = (row: Row, t: Truth) => row.date_start === t.when?.start && row.date_end === t.when?.end && row.date_precision === t.when?.precision

/**
 * The funding rows of a tier (review_status reviewed or machine) matched to the planted flows, whatever their ids: a row
 * and a planted flow match when the row has evidence in the flow's article and the same recipient, currency and amount
 * (sameFlow); each row and each flow is matched at most once per article. A row merged from several articles can match
 * one flow in each. Where several rows fit one flow, the one also right on qualifier and date is taken.
 */
export function matchFlows(truth: Truth[], funding: Row[], evidence: Row[], tier: Tier) {
  const status = tier === 'annotated' ? 'reviewed' : 'machine'
  const drafted = funding.filter((r) => r.review_status === status)
  const byId = new Map(drafted.map((r) => [r.funding_id, r]))
  const bySource = new Map<string, Row[]>()
  for (const e of evidence) {
    const row = e.record_table === 'funding' ? byId.get(e.record_id) : undefined
    if (!row) continue
    const list = bySource.get(e.source_id) ?? []
    if (!list.includes(row)) list.push(row)
    bySource.set(e.source_id, list)
  }
  const planted = truth.filter((t) => t.kind === 'funding')
  const used = new Set<string>()
  const matchedRows = new Set<Row>()
  const pairs: { truth: Truth; row: Row | undefined }[] = []
  for (const t of planted) {
    // two flows of one article can share recipient, currency and amount (近亿元 twice): the row right on qualifier and date first
    const candidates = (bySource.get(t.source_id) ?? []).filter((r) => !used.has(`${t.source_id}|${r.funding_id}`) && sameFlow(r, t))
    const score = (r: Row) => (r.amount_qualifier === t.money?.qualifier ? 2 : 0) + (sameDate(r, t) ? 1 : 0)
    const row = candidates.reduce<Row | undefined>((best, r) => (best === undefined || score(r) > score(best) ? r : best), undefined)
    if (row) {
      used.add(`${t.source_id}|${row.funding_id}`)
      matchedRows.add(row)
    }
    pairs.push({ truth: t, row })
  }
  const found = pairs.filter((p) => p.row)
  const qualifiedPairs = found.filter((p) => p.row?.amount_qualifier === p.truth.money?.qualifier)
  const datedPairs = found.filter((p) => p.row && sameDate(p.row, p.truth))
  // recall counts flows; precision counts rows, each once (a row merged from two articles can be right for both)
  const qualified = qualifiedPairs.length
  const dated = datedPairs.length
  const qualifiedRows = new Set(qualifiedPairs.map((p) => p.row)).size
  const datedRows = new Set(datedPairs.map((p) => p.row)).size
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b)
  const recallBy = (key: (t: Truth) => string) => {
    const groups = new Map<string, [number, number]>()
    for (const p of pairs) {
      const g = groups.get(key(p.truth)) ?? [0, 0]
      groups.set(key(p.truth), [g[0] + (p.row ? 1 : 0), g[1] + 1])
    }
    return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, [hit, all]]) => [k, { recall: hit / all, flows: all }]))
  }
  return {
    flows_planted: planted.length,
    flows_drafted: drafted.length,
    flow_precision: ratio(matchedRows.size, drafted.length),
    flow_recall: ratio(found.length, planted.length),
    // a row right on amount, currency and qualifier (dates: start, end and precision), over the rows drafted and over the flows planted
    amount_precision: ratio(qualifiedRows, drafted.length),
    amount_recall: ratio(qualified, planted.length),
    flow_date_precision: ratio(datedRows, drafted.length),
    flow_date_recall: ratio(dated, planted.length),
    recall_by_construction: recallBy((t) => t.construction),
    recall_by_script: recallBy((t) => t.script),
  }
}
