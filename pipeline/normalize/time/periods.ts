/** Builders of resolved periods (a day, a month, a year, a named part of either) and the tail qualifiers. */

import conventions from '../date-conventions.json' with { type: 'json' }
import { addMonths, daysIn, iso, lastOf, pad, smallNumber } from './calendar.ts'
import type { DateQualifier, Groups, Precision, Resolved } from './types.ts'

interface YearPartRow {
  months: number[]
  precision: string
  qualifier: string | null
  edtf?: number
}
interface MonthPartRow {
  days: (number | string)[]
  qualifier: string
}
const PARTS_OF_YEAR = conventions.parts_of_year as Record<string, YearPartRow>
const PARTS_OF_MONTH = conventions.parts_of_month as Record<string, MonthPartRow>
const PARTS_OF_QUARTER = conventions.parts_of_quarter as unknown as Record<string, { month: number; qualifier: string }>

export function monthSpan(y: number, m: number, mEnd?: number): Resolved {
  return {
    from: { y, m, d: 1 },
    to: lastOf(y, mEnd ?? m),
    precision: 'month',
    qualifier: null,
    edtf: mEnd && mEnd !== m ? `${pad(y, 4)}-${pad(m)}/${pad(y, 4)}-${pad(mEnd)}` : `${pad(y, 4)}-${pad(m)}`,
    year: y,
    month: mEnd ?? m,
  }
}

export function yearSpan(y: number): Resolved {
  return { from: { y, m: 1, d: 1 }, to: { y, m: 12, d: 31 }, precision: 'year', qualifier: null, edtf: pad(y, 4), year: y, month: null }
}

/** One day, or days d..dEnd of one month; null when a day does not exist (2月30日). */
export function daySpan(y: number, m: number, d: number, dEnd?: number): Resolved | null {
  if (d > daysIn(y, m) || (dEnd && dEnd > daysIn(y, m))) return null
  const from = { y, m, d }
  const to = { y, m, d: dEnd ?? d }
  return { from, to, precision: 'day', qualifier: null, edtf: dEnd && dEnd !== d ? `${iso(from)}/${iso(to)}` : iso(from), year: y, month: m }
}

/** 年初, 下半年, 第三季度, 冬季 ... of year y, by the conventions table; `quarterPart` (初, 末) picks one month of a quarter. */
export function yearPart(y: number, word: string, quarterPart?: string): Resolved | null {
  const p = PARTS_OF_YEAR[normalizeYearPart(quarterPart && word.endsWith(quarterPart) ? word.slice(0, -quarterPart.length) : word)]
  if (!p) return null
  if (quarterPart) return partOfQuarter(y, p.months[0], quarterPart)
  const [m1, m2] = p.months
  const edtf = p.edtf ? `${pad(y, 4)}-${p.edtf}` : m1 === m2 ? `${pad(y, 4)}-${pad(m1)}` : `${pad(y, 4)}-${pad(m1)}/${pad(y, 4)}-${pad(m2)}`
  const last = addMonths(y, 1, m2 - 1) // a winter runs into the next year (months 13, 14)
  return {
    from: { y, m: m1, d: 1 },
    to: lastOf(last.y, last.m),
    precision: p.precision as Precision,
    qualifier: p.qualifier as DateQualifier | null,
    edtf,
    year: y,
    month: null,
  }
}

/** One month of the quarter that starts in month `first`: 一季度末 is March, 四季度初 October. */
function partOfQuarter(y: number, first: number, word: string): Resolved | null {
  const p = PARTS_OF_QUARTER[word]
  if (!p) return null
  const m = first + p.month - 1
  return { ...monthSpan(y, m), precision: 'part_of_year', qualifier: p.qualifier as DateQualifier, month: null }
}

/** 初, 年底, 一季度, 第二季, Q3, 首季度, 春, 夏天 ... -> the key of the conventions table (年初, 年底, 第一季度, 春季 ...). */
export function normalizeYearPart(word: string): string {
  const w = word.replace(/^年/, '')
  const parts: Record<string, string> = { 初: '年初', 中: '年中', 底: '年底', 末: '年末' }
  if (w in parts) return parts[w]
  if (/^[春夏秋冬][季天]?$/.test(w)) return `${w[0]}季`
  const q = /^第?([一二三四1-4])季度?$|^q([1-4])$|^(首)季度$/.exec(w)
  if (q) {
    const n = q[3] ? 1 : /[1-4]/.test(q[1] ?? '') ? Number(q[1]) : q[2] ? Number(q[2]) : '一二三四'.indexOf(q[1]) + 1
    return `第${'一二三四'[n - 1]}季度`
  }
  return w
}

/** 上旬, 月底, 初 ... of month m of year y, by the conventions table. */
export function monthPart(y: number, m: number, word: string): Resolved | null {
  const p = PARTS_OF_MONTH[word.length === 1 ? `月${word}` : word]
  if (!p) return null
  const d1 = p.days[0] as number
  const d2 = p.days[1] === 'last' ? daysIn(y, m) : (p.days[1] as number)
  const from = { y, m, d: d1 }
  const to = { y, m, d: d2 }
  return { from, to, precision: 'part_of_month', qualifier: p.qualifier as DateQualifier, edtf: `${iso(from)}/${iso(to)}`, year: y, month: m }
}

/** Month-day and part groups (m, mEnd, d, dEnd, mp, yp) shared by the absolute and relative-year patterns. */
export function resolveWithinYear(y: number, g: Groups): Resolved | null {
  if (g.m) {
    const m = smallNumber(g.m)
    const mEnd = g.mEnd ? smallNumber(g.mEnd) : undefined
    if (!(m >= 1 && m <= 12) || (mEnd !== undefined && !(mEnd >= m && mEnd <= 12))) return null
    if (g.d) {
      const d = smallNumber(g.d)
      const dEnd = g.dEnd ? smallNumber(g.dEnd) : undefined
      if (mEnd !== undefined || d < 1 || (dEnd !== undefined && dEnd < d)) return null
      return daySpan(y, m, d, dEnd)
    }
    if (g.mp) return mEnd === undefined ? monthPart(y, m, g.mp) : null
    return monthSpan(y, m, mEnd)
  }
  if (g.yp) return yearPart(y, g.yp, g.qp)
  return yearSpan(y)
}

/** Applies 之前 / 以后 / 左右 ... to a resolved span. */
export function applyTail(r: Resolved | null, tail: string | undefined): Resolved | null {
  if (!r || !tail) return r
  if (tail === '前后' || tail === '左右') {
    const edtf = r.edtf
      ? r.edtf
          .split('/')
          .map((p) => `${p}~`)
          .join('/')
      : null
    return { ...r, qualifier: 'about', edtf }
  }
  // X前 reads as "by X" (2025年前, 年底前: a deadline), X以后 and X起 as "from X on", as news uses them
  if (/前/.test(tail)) {
    if (!r.to) return r
    return { ...r, from: null, qualifier: 'before', edtf: `../${iso(r.to)}` }
  }
  if (!r.from) return r
  return { ...r, to: null, qualifier: 'after', edtf: `${iso(r.from)}/..` }
}

/** The year is unknown: dates stay null, but precision and an EDTF with X for the year are kept. */
export function unresolved(g: Groups): Resolved {
  let precision: Precision = 'unknown'
  let edtf: string | null = null
  if (g.m && !g.mEnd) {
    const m = smallNumber(g.m)
    if (g.d && !g.dEnd) {
      precision = 'day'
      edtf = `XXXX-${pad(m)}-${pad(smallNumber(g.d))}`
    } else if (!g.d && !g.mp) {
      precision = 'month'
      edtf = `XXXX-${pad(m)}`
    }
  }
  return { from: null, to: null, precision, qualifier: null, edtf, year: Number.NaN, month: null }
}
