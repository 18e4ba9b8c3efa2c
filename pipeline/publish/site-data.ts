/**
 * The dataset page's view of one release, pure: rows in date order (undated last), counts per tier,
 * funding totals per entity (exact decimal sums, in US dollars where the release converts them), and
 * what one entity founded, launched, raised and invested in. Columns a release predates read as "".
 */

export type Row = Record<string, string>

export interface ReleaseTables {
  sources: Row[]
  entities: Row[]
  events: Row[]
  event_participants: Row[]
  funding: Row[]
  funders: Row[]
  metrics: Row[]
  evidence: Row[]
  mentions: Row[]
  /** the header of each table's CSV: which columns this release has */
  columns: Record<string, string[]>
}

/** The first day a record can mean, else its last; "" when undated. */
export const dateKey = (r: Row): string => r.date_start || r.date_end || ''

/** Rows by date: the earliest first, spans by their end next, undated last, ties by id. */
export function byDate<T extends Row>(rows: T[], id: keyof T & string): T[] {
  return [...rows].sort((a, b) => {
    const [x, y] = [dateKey(a), dateKey(b)]
    if (!x !== !y) return x ? -1 : 1
    return x.localeCompare(y) || (a.date_end ?? '').localeCompare(b.date_end ?? '') || a[id].localeCompare(b[id])
  })
}

export interface TierCount {
  rows: number
  /** null when the table has no review_status column (a release from before the machine tier) */
  reviewed: number | null
  machine: number | null
}

export function tierCount(rows: Row[], columns: string[]): TierCount {
  if (!columns.includes('review_status')) return { rows: rows.length, reviewed: null, machine: null }
  const machine = rows.filter((r) => r.review_status === 'machine').length
  return { rows: rows.length, reviewed: rows.length - machine, machine }
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/

/** The exact sum of decimal strings ("1000000000", "69.5", "1e3" is refused), without binary rounding. */
export function sumDecimals(values: string[]): string {
  for (const v of values) if (!DECIMAL.test(v)) throw new Error(`not a decimal number: ${JSON.stringify(v)}`)
  const scale = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length))
  const total = values.reduce((sum, v) => {
    const [int, frac = ''] = v.replace('-', '').split('.')
    const n = BigInt(int + frac.padEnd(scale, '0'))
    return sum + (v.startsWith('-') ? -n : n)
  }, 0n)
  const negative = total < 0n
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0')
  const int = digits.slice(0, digits.length - scale)
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '')
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`
}

/** Flows a total leaves out: a claim is one party's word, a cancelled flow never happened. */
export const COUNTED = (f: Row) => f.status !== 'claimed' && f.status !== 'cancelled'

export interface Total {
  /** the sum of amount_usd over the rows that have it, or null when none has */
  usd: string | null
  usdRows: number
  /** rows with an amount but no amount_usd (no rate for their currency or month), summed per currency */
  other: { currency: string; amount: string; rows: number }[]
  /** rows with no single amount (none in the text, or only bounds) */
  noAmount: number
  /** some summed amount is "about", "over" or "under" */
  approximate: boolean
  rows: number
}

/** The total of funding rows (counted ones only: see COUNTED), in US dollars where a row has amount_usd. */
export function fundingTotal(rows: Row[]): Total {
  const counted = rows.filter(COUNTED)
  const usd = counted.filter((r) => r.amount_usd)
  const rest = counted.filter((r) => !r.amount_usd && r.amount)
  const currencies = [...new Set(rest.map((r) => r.currency))].sort()
  return {
    usd: usd.length ? sumDecimals(usd.map((r) => r.amount_usd)) : null,
    usdRows: usd.length,
    other: currencies.map((currency) => {
      const of = rest.filter((r) => r.currency === currency)
      return { currency, amount: sumDecimals(of.map((r) => r.amount)), rows: of.length }
    }),
    noAmount: counted.filter((r) => !r.amount_usd && !r.amount).length,
    approximate: [...usd, ...rest].some((r) => r.amount_qualifier && r.amount_qualifier !== 'exact'),
    rows: counted.length,
  }
}

export interface Funder {
  entity_id: string
  is_lead: boolean
}

/** Funders of each funding row, leads first, then by id. */
export function fundersOf(funders: Row[]): Map<string, Funder[]> {
  const out = new Map<string, Funder[]>()
  for (const f of funders) {
    const funder = { entity_id: f.entity_id, is_lead: f.is_lead === 'true' }
    const list = out.get(f.funding_id)
    if (list) list.push(funder)
    else out.set(f.funding_id, [funder])
  }
  for (const list of out.values()) list.sort((a, b) => Number(b.is_lead) - Number(a.is_lead) || a.entity_id.localeCompare(b.entity_id))
  return out
}

export interface EntityProfile {
  entity: Row
  /** the names the articles use for it (mentions), the listed names first */
  names: string[]
  /** funding it received, by date */
  raised: Row[]
  /** funding it gave or took part in, by date */
  invested: Row[]
  /** founded events in which it is a founder, backer or creator */
  founded: Row[]
  /** launched events of which it is the subject or creator, with what was launched */
  launched: { event: Row; products: string[] }[]
  /** every other event it takes part in, with its roles */
  other: { event: Row; roles: string[] }[]
}

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>()
  for (const r of rows) {
    const list = out.get(r[key])
    if (list) list.push(r)
    else out.set(r[key], [r])
  }
  return out
}

const FOUNDER_ROLES = new Set(['founder', 'backer', 'creator'])

export function entityProfiles(t: ReleaseTables): Map<string, EntityProfile> {
  const types = new Map(t.entities.map((e) => [e.entity_id, e.entity_type]))
  const events = new Map(t.events.map((e) => [e.event_id, e]))
  const fundingEvents = new Set(t.funding.map((f) => f.event_id).filter(Boolean))
  const funders = fundersOf(t.funders)
  const participants = groupBy(t.event_participants, 'event_id')
  const byEntity = groupBy(t.event_participants, 'entity_id')
  const mentions = groupBy(t.mentions, 'entity_id')
  const received = groupBy(t.funding, 'recipient_id')
  const given = new Map<string, Row[]>()
  for (const f of t.funding)
    for (const x of funders.get(f.funding_id) ?? []) {
      const list = given.get(x.entity_id)
      if (list) list.push(f)
      else given.set(x.entity_id, [f])
    }
  const profiles = new Map<string, EntityProfile>()
  for (const entity of t.entities) {
    const id = entity.entity_id
    const mentioned = (mentions.get(id) ?? []).map((m) => m.text)
    const names = [...new Set([entity.name_en, entity.name_zh, ...mentioned.sort()].filter(Boolean))]
    const raised = byDate(received.get(id) ?? [], 'funding_id')
    const invested = byDate(given.get(id) ?? [], 'funding_id')
    const roles = new Map<string, string[]>()
    for (const p of byEntity.get(id) ?? []) roles.set(p.event_id, [...(roles.get(p.event_id) ?? []), p.role])
    const mine = byDate(
      [...roles.keys()].map((e) => events.get(e)).filter((e): e is Row => e !== undefined),
      'event_id',
    )
    const founded = mine.filter((e) => e.event_type === 'founded' && roles.get(e.event_id)?.some((r) => FOUNDER_ROLES.has(r)))
    const launched = mine
      .filter((e) => e.event_type === 'launched' && types.get(id) !== 'product' && roles.get(e.event_id)?.some((r) => r === 'subject' || r === 'creator'))
      .map((event) => ({
        event,
        products: (participants.get(event.event_id) ?? []).filter((p) => p.entity_id !== id && types.get(p.entity_id) === 'product').map((p) => p.entity_id),
      }))
    const shown = new Set([...founded, ...launched.map((l) => l.event)].map((e) => e.event_id))
    const other = mine
      .filter((e) => !shown.has(e.event_id) && !(e.event_type === 'funding' && fundingEvents.has(e.event_id)))
      .map((event) => ({ event, roles: [...new Set(roles.get(event.event_id))].sort() }))
    profiles.set(id, { entity, names, raised, invested, founded, launched, other })
  }
  return profiles
}

/** The number of rows an entity appears in (events, funding given and received), to rank entities on the front page. */
export function recordCount(p: EntityProfile): number {
  return p.raised.length + p.invested.length + p.founded.length + p.launched.length + p.other.length
}
