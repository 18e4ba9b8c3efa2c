/**
 * The normalizers together: every time, money, number and entity mention of a text, with
 * 0-based, end-exclusive offsets in Unicode code points and the normalized values.
 */

import type { EntityMatcher } from './entities.ts'
import { type AmountRole, type CurrencyRule, forEachMoney } from './money.ts'
import { forEachNumber, type Qualifier, scanNumerals } from './numbers.ts'
import { keepLongest } from './overlaps.ts'
import { codePointIndexer, foldText } from './text.ts'
import { type DateQualifier, forEachTime, type Precision } from './time-expressions.ts'

export interface TimeFields {
  date_start: string | null
  date_end: string | null
  date_precision: Precision
  date_qualifier: DateQualifier | null
  date_edtf: string | null
}
export interface MoneyFields {
  amount: number | null
  amount_low: number | null
  amount_high: number | null
  currency: string
  amount_qualifier: Qualifier
  /** how the currency was chosen: written, context, source_default or default (README, Money conventions) */
  currency_rule: CurrencyRule
  /** loss (亏损2亿元: not money raised or paid), conversion (约合人民币7亿元), or null */
  amount_role: AmountRole | null
  /** why the figure has no amount (1亿2亿美元 is not one number), else null */
  amount_refused: string | null
}
export interface NumberFields {
  number_value: number | null
  number_low: number | null
  number_high: number | null
  number_unit: 'percent' | 'multiple' | null
  number_qualifier: Qualifier
  /** why the figure has no value (亿亿, 十十 are not numbers), else null */
  number_refused: string | null
}
export interface EntityFields {
  entity_id: string
  entity_type: string
}
interface Base {
  start: number
  end: number
  text: string
}
export type Mention =
  | (Base & { kind: 'time' } & TimeFields)
  | (Base & { kind: 'money' } & MoneyFields)
  | (Base & { kind: 'number' } & NumberFields)
  | (Base & { kind: 'entity' } & EntityFields)

export interface ExtractOptions {
  /** YYYY-MM-DD: resolves 去年, 上个月 and dates without a year when the text gives none */
  referenceDate?: string | null
  entities?: EntityMatcher | null
  /** ISO 4217: what a bare 元 means when the text names no 元 currency before it (the source's currency_default); else CNY */
  currencyDefault?: string | null
}

const KIND_RANK: Record<Mention['kind'], number> = { money: 0, time: 1, entity: 2, number: 3 }

export function parseReferenceDate(value: string | null | undefined): { y: number; m: number; d: number } | null {
  if (value === null || value === undefined) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null
  if (!m || !date || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) {
    throw new RangeError(`reference date must be a real date written YYYY-MM-DD, found "${value}"`)
  }
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }
}

export function extractMentions(text: string, options: ExtractOptions = {}): Mention[] {
  const folded = foldText(text)
  const reference = parseReferenceDate(options.referenceDate)
  const numerals = scanNumerals(folded)
  // built in their final key order with UTF-16 offsets into the folded text; text and code point offsets are set on the kept ones
  const spans: Mention[] = []
  forEachTime(folded, reference, (t) =>
    spans.push({
      kind: 'time',
      start: t.start,
      end: t.end,
      text: '',
      date_start: t.date_start,
      date_end: t.date_end,
      date_precision: t.date_precision,
      date_qualifier: t.date_qualifier,
      date_edtf: t.date_edtf,
    }),
  )
  forEachMoney(folded, numerals, { currencyDefault: options.currencyDefault }, (m) =>
    spans.push({
      kind: 'money',
      start: m.start,
      end: m.end,
      text: '',
      amount: m.amount,
      amount_low: m.low,
      amount_high: m.high,
      currency: m.currency,
      amount_qualifier: m.qualifier,
      currency_rule: m.currency_rule,
      amount_role: m.role,
      amount_refused: m.refused,
    }),
  )
  forEachNumber(folded, numerals, (n) =>
    spans.push({
      kind: 'number',
      start: n.start,
      end: n.end,
      text: '',
      number_value: n.value,
      number_low: n.low,
      number_high: n.high,
      number_unit: n.unit,
      number_qualifier: n.qualifier,
      number_refused: n.refused,
    }),
  )
  for (const e of options.entities?.find(folded) ?? []) {
    spans.push({ kind: 'entity', start: e.start, end: e.end, text: '', entity_id: e.entity_id, entity_type: e.entity_type })
  }
  const toCodePoint = codePointIndexer(text)
  // where two candidates overlap the longer wins; at equal length money, then time, entity, number
  const kept = keepLongest(spans, folded.length, (a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind])
  for (const m of kept) {
    m.text = text.slice(m.start, m.end)
    m.start = toCodePoint(m.start)
    m.end = toCodePoint(m.end)
  }
  return kept
}
