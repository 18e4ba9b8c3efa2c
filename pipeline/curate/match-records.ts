/**
 * Cross-source matching (issue 18 §2): which entity rows, funding records and events of different
 * sources are one real entity, flow or event. Pure: records in, maps, ranks and conflicts out; the
 * model stage (05-model) applies them before the table models group rows by id. The rules are the
 * README's "Matching conventions", versioned in match-rules.json beside this file.
 *
 *   matchEntities(rows)                     -> { map: from id -> one id, names: per merged id }
 *   matchFunding(records, sources)          -> clusters of funding records, ranked, with conflicts
 *   matchEvents(records, sources, funding)  -> clusters of events (an event of a funding record
 *                                              follows its funding's cluster), ranked, with conflicts
 */
import { pinyin } from 'pinyin-pro'
import { foldText } from '../normalize/text.ts'
import { type EntityType, romanizedId, simplifyChinese } from './discover-entities.ts'
import rules from './match-rules.json' with { type: 'json' }

export const MATCH_RULES_VERSION = rules.version
type Tier = 'reviewed' | 'machine'

// ---------------------------------------------------------------- entities

export interface EntityRow {
  entity_id: string
  entity_type: string
  name_en: string
  name_zh: string | null
  aliases: string[]
  review_status: Tier
  /** '' for the curated list */
  source_id: string
}

export interface EntityNames {
  name_en: string
  name_zh: string | null
  aliases: string[]
}

export interface EntityMatch {
  /** every id that is merged into another, to that id */
  map: Map<string, string>
  /** the names of every entity id that remains, its other names as aliases */
  names: Map<string, EntityNames>
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/
/** A Latin name compared without case, spaces or punctuation: Zhipu AI = zhipu-ai = ZhipuAI. */
export const latinKey = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
/** A Chinese name compared in simplified characters, folded as the normalizers fold it. */
export const hanKey = (s: string) => foldText(simplifyChinese(s.normalize('NFKC')))
/** The toneless pinyin of a Chinese name, Latin runs kept: 智谱AI -> zhipuai. */
export const pinyinKey = (s: string) => latinKey(pinyin(simplifyChinese(s), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join(''))

interface EntityUnit {
  id: string
  type: string
  curated: boolean
  rows: EntityRow[]
  forms: string[]
  han: string[]
  latin: string[]
}

class UnionFind {
  private parent = new Map<string, string>()
  find(x: string): string {
    let p = this.parent.get(x) ?? x
    if (p !== x) {
      p = this.find(p)
      this.parent.set(x, p)
    }
    return p
  }
  union(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)]
    if (ra === rb) return
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra]
    this.parent.set(high, low)
  }
}

/**
 * Entities are one when they have the same type and share a name in simplified characters
 * (天天果园 = 天天果園) or a Latin name (Zhipu AI = ZhipuAI), or when a name seen only in Latin letters
 * is the pinyin of exactly one Chinese name (Zhipu AI = 智谱AI; not when two different Chinese names
 * read alike). Names are compared whole, never as parts (小米 is not 小米汽车). Two entries of the
 * curated list are never merged. The merged entity keeps the curated id, else the id of its
 * simplified Chinese name (the pinyin slug discovery gives it), else the first id.
 */
export function matchEntities(rows: EntityRow[]): EntityMatch {
  // names repeat across sources, and folding to simplified characters is the costly part: once per distinct name
  const memo = <T>(f: (s: string) => T) => {
    const seen = new Map<string, T>()
    return (x: string) => {
      let v = seen.get(x)
      if (v === undefined) {
        v = f(x)
        seen.set(x, v)
      }
      return v
    }
  }
  const han = memo(hanKey)
  const spoken = memo(pinyinKey)
  const units = new Map<string, EntityUnit>()
  for (const r of [...rows].sort((a, b) => cmp(a.entity_id, b.entity_id) || cmp(a.source_id, b.source_id))) {
    let u = units.get(r.entity_id)
    if (!u) {
      u = { id: r.entity_id, type: r.entity_type, curated: false, rows: [], forms: [], han: [], latin: [] }
      units.set(r.entity_id, u)
    }
    u.rows.push(r)
    u.curated ||= r.review_status === 'reviewed'
    for (const f of [r.name_zh, r.name_en, ...r.aliases]) if (f && !u.forms.includes(f)) u.forms.push(f)
  }
  for (const u of units.values()) {
    // discovery's pinyin romanization (Yun Ji for 云集) is no one's name: two names that read alike are not one entity
    const romanized = new Set(u.rows.filter(isRomanized).map((r) => r.name_en))
    u.han = [...new Set(u.forms.filter((f) => HAN.test(f)).map(han))]
    u.latin = [...new Set(u.forms.filter((f) => !HAN.test(f) && !romanized.has(f)).map(latinKey))].filter(Boolean)
  }
  const uf = new UnionFind()
  const curatedIn = new Map<string, number>()
  for (const u of units.values()) curatedIn.set(u.id, u.curated ? 1 : 0)
  const join = (a: EntityUnit, b: EntityUnit) => {
    if (a.type !== b.type) return
    const [ra, rb] = [uf.find(a.id), uf.find(b.id)]
    if (ra === rb || (curatedIn.get(ra) ?? 0) + (curatedIn.get(rb) ?? 0) > 1) return
    const n = (curatedIn.get(ra) ?? 0) + (curatedIn.get(rb) ?? 0)
    uf.union(ra, rb)
    curatedIn.set(uf.find(ra), n)
  }
  const byKey = new Map<string, EntityUnit[]>()
  for (const u of units.values()) for (const k of [...u.han.map((h) => `zh:${h}`), ...u.latin.map((l) => `la:${l}`)]) byKey.set(k, [...(byKey.get(k) ?? []), u])
  for (const list of byKey.values()) for (const u of list.slice(1)) join(list[0], u)
  // pinyin links a Latin-only name to a Chinese one, when exactly one group of Chinese names reads so
  const pinyinOf = new Map<string, EntityUnit[]>()
  for (const u of units.values())
    for (const f of u.forms.filter((x) => HAN.test(x))) {
      const k = `${u.type}:${spoken(f)}`
      pinyinOf.set(k, [...(pinyinOf.get(k) ?? []), u])
    }
  for (const u of units.values()) {
    if (u.han.length) continue
    for (const l of u.latin) {
      const hits = pinyinOf.get(`${u.type}:${l}`) ?? []
      if (new Set(hits.map((h) => uf.find(h.id))).size === 1) join(hits[0], u)
    }
  }

  const groups = new Map<string, EntityUnit[]>()
  for (const u of units.values()) groups.set(uf.find(u.id), [...(groups.get(uf.find(u.id)) ?? []), u])
  const taken = new Set(units.keys())
  const map = new Map<string, string>()
  const names = new Map<string, EntityNames>()
  for (const members of [...groups.values()].sort((a, b) => cmp(a[0].id, b[0].id))) {
    const id = members.length === 1 ? members[0].id : mergedId(members, taken)
    for (const m of members) if (m.id !== id) map.set(m.id, id)
    names.set(id, mergedNames(members, id))
  }
  return { map, names }
}

/** A machine row whose English name is discovery's romanization of its Chinese name, not a name the text wrote. */
const isRomanized = (r: EntityRow) => r.review_status === 'machine' && r.name_zh !== null && !r.aliases.includes(r.name_en)
const simplifiedNames = (members: EntityUnit[]) => members.flatMap((m) => m.rows.map((r) => r.name_zh).filter((x): x is string => !!x)).map(simplifyChinese)

function mergedId(members: EntityUnit[], taken: Set<string>): string {
  const curated = members.find((m) => m.curated)
  if (curated) return curated.id
  const own = new Set(members.map((m) => m.id))
  const zh = mostCommon(simplifiedNames(members))
  const romanized = zh ? romanizedId(zh, members[0].type as EntityType) : null
  if (romanized && (own.has(romanized) || !taken.has(romanized))) {
    taken.add(romanized)
    return romanized
  }
  return members[0].id
}

function mergedNames(members: EntityUnit[], id: string): EntityNames {
  const first = members.find((m) => m.curated) ?? members.find((m) => m.id === id) ?? members[0]
  const row = first.rows[0]
  const zh = first.curated ? row.name_zh : (mostCommon(simplifiedNames(members)) ?? null)
  // a Latin name someone wrote (a Latin-only name or a gloss) beats a pinyin romanization
  const written = members.flatMap((m) => m.rows.filter((r) => r.name_zh === null || r.aliases.includes(r.name_en)).map((r) => r.name_en))
  const en = first.curated ? row.name_en : (written[0] ?? row.name_en)
  // discovery's pinyin romanizations are no one's name for the entity: not aliases
  const romanized = new Set(
    members.flatMap((m) => m.rows.filter((r) => r.review_status === 'machine' && r.name_zh !== null && !r.aliases.includes(r.name_en)).map((r) => r.name_en)),
  )
  const aliases = [...new Set(members.flatMap((m) => m.forms))].filter((f) => f !== en && f !== zh && !romanized.has(f)).sort(cmp)
  return { name_en: en, name_zh: zh, aliases }
}

function mostCommon(xs: string[]): string | undefined {
  const n = new Map<string, number>()
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1)
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || cmp(a[0], b[0]))[0]?.[0]
}

// ---------------------------------------------------------------- funding and events

export interface SourceInfo {
  published_on: string | null
}

export interface FundingRecord {
  funding_id: string
  source_id: string
  review_status: Tier
  recipient_id: string
  funding_type: string
  round: string | null
  status: string
  amount: number | null
  currency: string | null
  amount_qualifier: string | null
  amount_low: number | null
  amount_high: number | null
  date_start: string | null
  date_end: string | null
  date_precision: string | null
  event_id: string | null
  /** the funders' entity ids, in the record's order */
  funders: string[]
}

export interface EventRecord {
  event_id: string
  source_id: string
  review_status: Tier
  event_type: string
  subject_id: string
  status: string
  date_start: string | null
  date_end: string | null
  date_precision: string | null
  /** participants other than the subject */
  participants: { entity_id: string; role: string }[]
}

/** One record of one source in its cluster: null ranks mean its values are not used (a reviewed record wins). */
export interface RankedRecord {
  record_table: 'funding' | 'events'
  record_id: string
  source_id: string
  to_id: string
  /** the block the record's unit was clustered in: records of other blocks never share its cluster */
  block: string
  rank: number | null
  amount_rank: number | null
  date_rank: number | null
  /** the order for the status (and its attributed_to): see statusRanked */
  status_rank: number | null
}

export interface Conflict {
  record_table: 'funding' | 'events'
  /** the merged row's id */
  record_id: string
  field: string
  kept: string
  kept_source: string
  other: string
  other_source: string
}

export interface Cluster {
  id: string
  sources: string[]
  note: string | null
}

export interface MatchResult {
  ranked: RankedRecord[]
  conflicts: Conflict[]
  /** clusters of more than one record */
  clusters: Cluster[]
}

/** Why a merged row keeps the values it keeps (README, "Matching conventions"). */
export const KEEP_RULE = `matching conventions ${rules.version}: a reviewed report wins; else the most specific amount and the most precise date, each from the earliest report that has it; the most definite status (funding: ${rules.status_definiteness.funding.join(' > ')}; events: ${rules.status_definiteness.events.join(' > ')}), each the earliest report's among equals, but ${rules.status_ends.join(', ')} when no report published after the cancellation says otherwise in its own voice; other fields from the first report that has them, in that order`

const DAY = 86_400_000
/** A date's day number; null for a date JavaScript cannot read (DuckDB writes years before 1 as "0001-01-01 (BC)"). */
const dayOf = (d: string) => {
  const day = Date.parse(`${d}T00:00:00Z`) / DAY
  return Number.isFinite(day) ? day : null
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The days a record can fall on: its dates; open or missing ends bounded by the window; undated: the month before publication. */
export function reportedDays(r: { date_start: string | null; date_end: string | null }, published: string | null): [number, number] | null {
  const span = rules.undated_days
  const s = r.date_start ? dayOf(r.date_start) : null
  const e = r.date_end ? dayOf(r.date_end) : null
  // a date that cannot be read is no date to compare: the record pairs with none
  if ((r.date_start && s === null) || (r.date_end && e === null)) return null
  if (s !== null && e !== null) return [s, e]
  if (s !== null) return [s, s + span]
  if (e !== null) return [e - span, e]
  const p = published ? dayOf(published) : null
  return p === null ? null : [p - span, p]
}

/** Days between two spans (0 when they overlap); null when either is unknown. */
function gap(a: [number, number] | null, b: [number, number] | null): number | null {
  if (!a || !b) return null
  return Math.max(0, Math.max(a[0], b[0]) - Math.min(a[1], b[1]))
}

type Relation = 'agree' | 'conflict' | 'unknown'

/** The values an amount can mean, by its qualifier (match-rules.json amount_ranges) or its bounds. */
export function amountRange(r: Pick<FundingRecord, 'amount' | 'amount_qualifier' | 'amount_low' | 'amount_high'>): [number, number] | null {
  if (r.amount_low !== null || r.amount_high !== null) return [r.amount_low ?? 0, r.amount_high ?? Number.POSITIVE_INFINITY]
  if (r.amount === null) return null
  const [lo, hi] = rules.amount_ranges[(r.amount_qualifier ?? 'exact') as keyof typeof rules.amount_ranges] ?? [1, 1]
  return [r.amount * lo, r.amount * hi]
}

/** Amounts agree when they are in one currency and the values they can mean overlap; amounts in two currencies are not compared. */
export function compareAmounts(a: FundingRecord, b: FundingRecord): Relation {
  const [ra, rb] = [amountRange(a), amountRange(b)]
  if (!ra || !rb || a.currency !== b.currency) return 'unknown'
  return ra[0] <= rb[1] && rb[0] <= ra[1] ? 'agree' : 'conflict'
}

const amountSpecificity = (r: FundingRecord) =>
  rules.amount_specificity.indexOf(r.amount !== null ? (r.amount_qualifier ?? 'exact') : r.amount_low !== null || r.amount_high !== null ? 'bounds' : 'none')
const dateSpecificity = (r: { date_precision: string | null; date_start: string | null; date_end: string | null }) =>
  rules.date_specificity.indexOf(r.date_start === null && r.date_end === null ? 'none' : (r.date_precision ?? 'unknown'))

export interface Unit<R> {
  id: string
  records: R[]
  sources: Set<string>
  reviewed: boolean
  published: string | null
  head: R
}

function unitsOf<R extends { source_id: string; review_status: Tier }>(records: R[], idOf: (r: R) => string, sources: Map<string, SourceInfo>): Unit<R>[] {
  const byId = new Map<string, R[]>()
  for (const r of records) byId.set(idOf(r), [...(byId.get(idOf(r)) ?? []), r])
  return [...byId.entries()]
    .map(([id, rs]) => {
      rs.sort((a, b) => cmp(a.source_id, b.source_id))
      const dates = rs.map((r) => sources.get(r.source_id)?.published_on ?? null).filter((d): d is string => !!d)
      return {
        id,
        records: rs,
        sources: new Set(rs.map((r) => r.source_id)),
        reviewed: rs.some((r) => r.review_status === 'reviewed'),
        published: dates.sort()[0] ?? null,
        head: rs[0],
      }
    })
    .sort((a, b) => cmp(a.id, b.id))
}

/**
 * The days a unit's head can fall on, when the block's pairs must be dated within the window of each
 * other (rules.date_window_days): `pair` returns null for every other pair of that block, so they are
 * never scored. null: the block's pairs do not depend on the dates.
 */
export type SpanOf<R> = (block: string) => ((u: Unit<R>) => [number, number] | null) | null

/**
 * Greedy complete-linkage clustering: candidate pairs from best score down, two clusters joined only
 * when every pair across them is compatible, no source appears twice (one article's records are
 * different flows) and at most one reviewed id is inside (a curator's two ids are two flows).
 * Where the dates bound the pairs (`spanOf`), only the units within the window of each other are
 * scored (sorted by their first day, a sorted neighbourhood): a block of n reports over a long time
 * costs n times the reports of a window, not n squared (a company named in 600 articles of 100,000).
 */
export function cluster<R>(
  units: Unit<R>[],
  blockOf: (u: Unit<R>) => string,
  pair: (a: Unit<R>, b: Unit<R>) => number | null,
  spanOf: SpanOf<R> = () => null,
): { block: string; units: Unit<R>[] }[] {
  const blocks = new Map<string, Unit<R>[]>()
  for (const u of units) {
    const k = blockOf(u)
    const list = blocks.get(k)
    if (list) list.push(u)
    else blocks.set(k, [u])
  }
  const out: { block: string; units: Unit<R>[] }[] = []
  for (const [name, block] of blocks) {
    // the compatible pairs' scores: a pair not in it is never in one cluster
    const score = new Map<string, number>()
    const key = (a: Unit<R>, b: Unit<R>) => (a.id < b.id ? `${a.id}\u0000${b.id}` : `${b.id}\u0000${a.id}`)
    const candidates: { a: Unit<R>; b: Unit<R>; s: number }[] = []
    // two reviewed records never merge: a curated corpus costs no pair at all
    if (block.every((u) => u.reviewed)) {
      for (const u of block) out.push({ block: name, units: [u] })
      continue
    }
    const consider = (a: Unit<R>, b: Unit<R>) => {
      if (a.reviewed && b.reviewed) return
      const s = [...a.sources].some((x) => b.sources.has(x)) ? null : pair(a, b)
      if (s === null) return
      score.set(key(a, b), s)
      candidates.push({ a, b, s })
    }
    const span = spanOf(name)
    if (span) {
      const window = rules.date_window_days
      // an undated unit pairs with none; from a unit, the later-starting ones until one starts past its end and the window
      const dated = block.flatMap((u, at) => {
        const days = span(u)
        return days ? [{ at, days }] : []
      })
      dated.sort((x, y) => x.days[0] - y.days[0])
      // each pair in the block's order, as the full loop has it
      const inOrder = (x: number, y: number) => consider(block[Math.min(x, y)], block[Math.max(x, y)])
      for (let i = 0; i < dated.length; i++)
        for (let j = i + 1; j < dated.length && dated[j].days[0] - dated[i].days[1] <= window; j++) inOrder(dated[i].at, dated[j].at)
    } else for (let i = 0; i < block.length; i++) for (let j = i + 1; j < block.length; j++) consider(block[i], block[j])
    candidates.sort((x, y) => y.s - x.s || cmp(key(x.a, x.b), key(y.a, y.b)))
    const of = new Map<Unit<R>, Unit<R>[]>(block.map((u) => [u, [u]]))
    for (const { a, b } of candidates) {
      const [ca, cb] = [of.get(a) as Unit<R>[], of.get(b) as Unit<R>[]]
      if (ca === cb) continue
      if (!ca.every((x) => cb.every((y) => score.has(key(x, y))))) continue
      const merged = [...ca, ...cb]
      for (const u of merged) of.set(u, merged)
    }
    for (const c of new Set(of.values())) out.push({ block: name, units: c })
  }
  return out.sort((a, b) => cmp(a.units[0].id, b.units[0].id))
}

/** Ranks records for the values they give: reviewed first, then `by`, then the earliest report, then source and id. */
function ranked<R extends { source_id: string; review_status: Tier }>(units: Unit<R>[], sources: Map<string, SourceInfo>, by: (r: R) => number): R[] {
  const reviewed = units.some((u) => u.reviewed)
  const records = units.flatMap((u) => u.records).filter((r) => !reviewed || r.review_status === 'reviewed')
  const pub = (r: R) => sources.get(r.source_id)?.published_on ?? '9999-12-31'
  return records.sort((a, b) => by(a) - by(b) || cmp(pub(a), pub(b)) || cmp(a.source_id, b.source_id))
}

const show = (v: unknown) => (v === null || v === undefined ? 'none' : String(v))
const amountText = (r: FundingRecord) =>
  r.amount !== null
    ? `${r.amount} ${r.currency ?? ''} ${r.amount_qualifier ?? 'exact'}`.trim()
    : r.amount_low !== null || r.amount_high !== null
      ? `${show(r.amount_low)}..${show(r.amount_high)} ${r.currency ?? ''}`.trim()
      : 'none'
const dateText = (r: { date_start: string | null; date_end: string | null }) => `${show(r.date_start)}..${show(r.date_end)}`

/**
 * Funding records of different sources are one flow when they have the same recipient and type,
 * their dates are within the window of each other, and they agree on the round or the amount
 * (or disagree on neither); one disagreement (10亿 vs 12亿, A vs B) with one agreement still merges,
 * and is listed as a conflict. Records of one article are never merged.
 */
export function matchFunding(records: FundingRecord[], sources: Map<string, SourceInfo>): MatchResult {
  const units = unitsOf(records, (r) => r.funding_id, sources)
  const days = (u: Unit<FundingRecord>) => reportedDays(u.head, u.published)
  const clusters = cluster(
    units,
    fundingBlock,
    (a, b) => fundingPair(a.head, b.head, a.published, b.published),
    () => days,
  )
  const result: MatchResult = { ranked: [], conflicts: [], clusters: [] }
  for (const c of clusters) settle('funding', c.block, c.units, sources, result)
  return result
}

/** Funding records are only compared within a block: the recipient and type of their id's first report (by source). */
const fundingBlock = (u: { head: FundingRecord }) => `${u.head.recipient_id}\u0000${u.head.funding_type}`
const noSources = new Map<string, SourceInfo>()

/**
 * The block of every funding id among `records` (which must hold every record of those ids), as
 * matchFunding would put it: an incremental build re-matches the blocks a changed record is or was in.
 */
export function fundingBlocks(records: FundingRecord[]): Map<string, string> {
  return new Map(unitsOf(records, (r) => r.funding_id, noSources).map((u) => [u.id, fundingBlock(u)]))
}

/**
 * The block of every event id among `records` (which must hold every record of those ids), as
 * matchEvents would put it, given the funding records that name those events and their clusters.
 */
export function eventBlocks(records: EventRecord[], funding: FundingRecord[], fundingMatch: MatchResult): Map<string, string> {
  const blockOf = eventBlock(funding, fundingMatch)
  return new Map(unitsOf(records, (r) => r.event_id, noSources).map((u) => [u.id, blockOf(u)]))
}

/** An event of a funding record is compared within its funding's cluster; a matched type by type and subject; any other alone. */
function eventBlock(funding: FundingRecord[], fundingMatch: MatchResult): (u: { id: string; head: EventRecord }) => string {
  const eventCluster = eventClusters(funding, fundingMatch)
  const matched = new Set(rules.event_types)
  return (u) =>
    eventCluster.has(u.id)
      ? `f\u0000${eventCluster.get(u.id)}`
      : matched.has(u.head.event_type)
        ? `e\u0000${u.head.event_type}\u0000${u.head.subject_id}`
        : `x\u0000${u.id}`
}

/** The cluster of the funding record that names each event (the last such record, by funding id and source, when several do). */
function eventClusters(funding: FundingRecord[], fundingMatch: MatchResult): Map<string, string> {
  const fundingTo = new Map(fundingMatch.ranked.filter((r) => r.record_table === 'funding').map((r) => [`${r.source_id}\u0000${r.record_id}`, r.to_id]))
  const eventCluster = new Map<string, string>()
  for (const f of funding) if (f.event_id) eventCluster.set(f.event_id, fundingTo.get(`${f.source_id}\u0000${f.funding_id}`) ?? f.funding_id)
  return eventCluster
}

function fundingPair(a: FundingRecord, b: FundingRecord, pa: string | null, pb: string | null): number | null {
  const g = gap(reportedDays(a, pa), reportedDays(b, pb))
  if (g === null || g > rules.date_window_days) return null
  let agree = 0
  let conflict = 0
  if (a.round !== null && b.round !== null) a.round === b.round ? agree++ : conflict++
  const amounts = compareAmounts(a, b)
  if (amounts === 'agree') agree++
  if (amounts === 'conflict') conflict++
  if (conflict > 1 || (conflict === 1 && agree === 0)) return null
  const shared = a.funders.filter((f) => b.funders.includes(f)).length
  return agree * 4 - conflict * 2 + shared + (g === 0 ? 1 : 0)
}

/**
 * Events of different sources are one event when they have the same type (of those matched: see
 * match-rules.json) and subject, name no different entity in the same role, and are dated within the
 * window of each other (founded and listed happen once: their dates may differ, as a conflict). An
 * event of a funding record belongs to its funding's cluster.
 */
export function matchEvents(records: EventRecord[], sources: Map<string, SourceInfo>, funding: FundingRecord[], fundingMatch: MatchResult): MatchResult {
  const eventCluster = eventClusters(funding, fundingMatch)
  const units = unitsOf(records, (r) => r.event_id, sources)
  const days = (u: Unit<EventRecord>) => reportedDays(u.head, u.published)
  // the window bounds the pairs of a type-and-subject block, unless the type happens once per subject
  const dated = (block: string) => (block.startsWith('e\u0000') && !rules.once_per_subject.includes(block.split('\u0000')[1]) ? days : null)
  const clusters = cluster(
    units,
    eventBlock(funding, fundingMatch),
    (a, b) => {
      if (eventCluster.has(a.id) || eventCluster.has(b.id)) return eventCluster.get(a.id) === eventCluster.get(b.id) ? 10 : null
      return eventPair(a.head, b.head, a.published, b.published)
    },
    dated,
  )
  const result: MatchResult = { ranked: [], conflicts: [], clusters: [] }
  for (const c of clusters) settle('events', c.block, c.units, sources, result)
  return result
}

function eventPair(a: EventRecord, b: EventRecord, pa: string | null, pb: string | null): number | null {
  for (const x of a.participants)
    if (b.participants.some((y) => y.role === x.role) && !b.participants.some((y) => y.role === x.role && y.entity_id === x.entity_id)) return null
  for (const y of b.participants)
    if (a.participants.some((x) => x.role === y.role) && !a.participants.some((x) => x.role === y.role && x.entity_id === y.entity_id)) return null
  const g = gap(reportedDays(a, pa), reportedDays(b, pb))
  const once = rules.once_per_subject.includes(a.event_type)
  if (!once && (g === null || g > rules.date_window_days)) return null
  const shared = a.participants.filter((x) => b.participants.some((y) => y.role === x.role && y.entity_id === x.entity_id)).length
  return shared + (g === 0 ? 1 : 0)
}

/** A status's place in its table's order (match-rules.json status_definiteness); a status not in it (cancelled) last. */
const statusDefiniteness = (table: 'funding' | 'events') => {
  const order: readonly string[] = rules.status_definiteness[table]
  return (r: { status: string }) => (order.includes(r.status) ? order.indexOf(r.status) : order.length)
}

/**
 * Ranks records for the status (and the attributed_to that goes with it): the most definite status
 * first (completed > announced > planned > claimed for funding, reported > claimed for events: a report
 * in the outlet's own voice beats hearsay, and money paid beats money promised or planned, whichever
 * report came first), the earliest report among equals. A cancellation ends the flow: it wins unless
 * a report published strictly after the latest cancellation gives another status in its own voice (not
 * a claim), and then the most definite status among those later reports wins. A report with no
 * publication date is never "after" a cancellation; a cancellation with none is after every report.
 */
function statusRanked<R extends { source_id: string; review_status: Tier; status: string }>(
  table: 'funding' | 'events',
  units: Unit<R>[],
  sources: Map<string, SourceInfo>,
): R[] {
  const list = ranked(units, sources, statusDefiniteness(table))
  const ends = (r: R) => rules.status_ends.includes(r.status)
  const cancels = list.filter(ends)
  if (!cancels.length) return list
  const pub = (r: R) => sources.get(r.source_id)?.published_on ?? null
  const dates = cancels.map(pub)
  const last = dates.includes(null) ? null : (dates as string[]).sort().at(-1)
  const later = list.filter((r) => {
    const p = pub(r)
    return last !== null && p !== null && p > (last as string) && !ends(r) && !rules.status_hearsay.includes(r.status)
  })
  const first = later.length ? later : cancels
  return [...first, ...list.filter((r) => !first.includes(r))]
}

/** A cluster's id, ranks and conflicts. Its id: the reviewed record's, else the earliest report's. */
function settle<R extends (FundingRecord | EventRecord) & { source_id: string; review_status: Tier }>(
  table: 'funding' | 'events',
  block: string,
  units: Unit<R>[],
  sources: Map<string, SourceInfo>,
  out: MatchResult,
): void {
  const idOf = (r: R) => ('funding_id' in r ? r.funding_id : (r as EventRecord).event_id)
  const isFunding = table === 'funding'
  const amountBy = (r: R) => (isFunding ? amountSpecificity(r as FundingRecord) : 0)
  const dateBy = (r: R) => dateSpecificity(r)
  const primary = ranked(units, sources, (r) => amountBy(r) * 100 + dateBy(r))
  const byAmount = ranked(units, sources, amountBy)
  const byDate = ranked(units, sources, dateBy)
  const earliest = ranked(units, sources, () => 0)
  const byStatus = statusRanked(table, units, sources)
  const id = idOf(earliest[0])
  const position = (list: R[], r: R) => (list.includes(r) ? list.indexOf(r) : null)
  const all = units.flatMap((u) => u.records).sort((a, b) => cmp(a.source_id, b.source_id) || cmp(idOf(a), idOf(b)))
  for (const r of all)
    out.ranked.push({
      record_table: table,
      record_id: idOf(r),
      source_id: r.source_id,
      to_id: id,
      block,
      rank: position(primary, r),
      amount_rank: position(byAmount, r),
      date_rank: position(byDate, r),
      status_rank: position(byStatus, r),
    })
  if (units.length === 1) return
  const conflicts: Conflict[] = []
  const differ = (field: string, keptRec: R, text: (r: R) => string, disagree: (k: R, o: R) => boolean) => {
    for (const o of all)
      if (o.source_id !== keptRec.source_id && disagree(keptRec, o))
        conflicts.push({
          record_table: table,
          record_id: id,
          field,
          kept: text(keptRec),
          kept_source: keptRec.source_id,
          other: text(o),
          other_source: o.source_id,
        })
  }
  const firstWith = (pick: (r: R) => unknown) => primary.find((r) => pick(r) !== null) ?? primary[0]
  if (isFunding) {
    const f = (r: R) => r as FundingRecord
    differ(
      'amount',
      byAmount[0],
      (r) => amountText(f(r)),
      (k, o) => compareAmounts(f(k), f(o)) === 'conflict',
    )
    differ(
      'round',
      firstWith((r) => f(r).round),
      (r) => show(f(r).round),
      (k, o) => f(k).round !== null && f(o).round !== null && f(k).round !== f(o).round,
    )
  }
  differ(
    'dates',
    byDate[0],
    dateText,
    (k, o) =>
      gap(reportedDays(k, sources.get(k.source_id)?.published_on ?? null), reportedDays(o, sources.get(o.source_id)?.published_on ?? null)) !== 0 &&
      (o.date_start !== null || o.date_end !== null),
  )
  differ(
    'status',
    byStatus[0],
    (r) => show(r.status),
    (k, o) => k.status !== o.status,
  )
  out.conflicts.push(...conflicts)
  const srcs = [...new Set(all.map((r) => r.source_id))]
  const said = conflicts.map((c) => `${c.field}: kept ${c.kept} (${c.kept_source}), ${c.other_source} says ${c.other}`)
  out.clusters.push({
    id,
    sources: srcs,
    note: `merged from ${srcs.length} reports (${srcs.join(', ')})${said.length ? `; ${said.join('; ')}; ${KEEP_RULE}` : ''}`,
  })
}
