/** Expressions that count from the reference date or the date in context: 去年, 次年, 上个月, 昨天, 次日, 上周, 上季度, 三年前. */

import { addDays, addMonths, countNumber, iso, mondayOf, pad, smallNumber, weekShift } from './calendar.ts'
import { CLOCK, D, MD, MONTH_PART, TAIL, YEAR_PART } from './patterns.ts'
import { applyTail, daySpan, monthPart, monthSpan, resolveWithinYear, unresolved, yearSpan } from './periods.ts'
import type { Recognizer } from './types.ts'
import { alternation, RELATIVE_DAYS, RELATIVE_MONTHS, RELATIVE_YEARS } from './words.ts'

/** 去年, 明年3月, 次年年末, 当年: a year counted from the reference date, or from the year in context */
export const relativeYear: Recognizer = {
  name: 'relative-year',
  pattern: new RegExp(`(?<ry>${alternation(Object.keys(RELATIVE_YEARS))})(?:${MD}|${YEAR_PART})?${TAIL}`, 'g'),
  read: (g) => (ctx) => {
    const word = RELATIVE_YEARS[g.ry as string]
    let year: number | null = null
    if (word.from === 'reference') year = ctx.reference ? ctx.reference.y + word.offset : null
    else if (ctx.year !== null) year = ctx.year + word.offset
    else if (ctx.reference) year = ctx.reference.y + word.offset // no year in context: the reference year stands in
    if (year === null) return unresolved(g)
    return applyTail(resolveWithinYear(year, g), g.q)
  },
}

/** 上个月, 下月九号, 本月初, 当月: a month counted from the reference date, or from the month in context */
export const relativeMonth: Recognizer = {
  name: 'relative-month',
  pattern: new RegExp(`(?<rm>${alternation(Object.keys(RELATIVE_MONTHS))})(?:(?<d>${D})[日号]${CLOCK}|${MONTH_PART})?${TAIL}`, 'g'),
  read: (g) => (ctx) => {
    const word = RELATIVE_MONTHS[g.rm as string]
    let base: { y: number; m: number } | null = null
    if (word.from === 'reference' && ctx.reference) base = addMonths(ctx.reference.y, ctx.reference.m, word.offset)
    else if (word.from === 'context' && ctx.year !== null && ctx.month !== null) base = addMonths(ctx.year, ctx.month, word.offset)
    else if (word.from === 'context' && ctx.year === null && ctx.reference) base = addMonths(ctx.reference.y, ctx.reference.m, word.offset)
    if (!base) return unresolved(g)
    const r = g.d ? daySpan(base.y, base.m, smallNumber(g.d)) : g.mp ? monthPart(base.y, base.m, g.mp) : monthSpan(base.y, base.m)
    return applyTail(r, g.q)
  },
}

/** 昨天, 明早, 当晚十时, 次日: a day counted from the reference date, or from the day in context */
export const relativeDay: Recognizer = {
  name: 'relative-day',
  pattern: new RegExp(`(?<rd>${alternation(Object.keys(RELATIVE_DAYS))})${CLOCK}`, 'g'),
  read: (g) => (ctx) => {
    const word = RELATIVE_DAYS[g.rd as string]
    // 当天, 次日: the day in context when there is one; the others count from the reference date
    const base = word.from === 'context' && ctx.day ? ctx.day : ctx.reference
    if (!base) return unresolved(g)
    const d = addDays(base, word.offset)
    return daySpan(d.y, d.m, d.d)
  },
}

/** 上周, 下下周, 这个星期: Monday to Sunday of a week near the reference date */
export const relativeWeek: Recognizer = {
  name: 'relative-week',
  pattern: /(?<rw>上上周|下下周|上周|下周|本周|这周|上星期|下星期|本星期|上个星期|下个星期|这个星期)/g,
  read: (g) => (ctx) => {
    if (!ctx.reference) return unresolved(g)
    const from = mondayOf(ctx.reference, weekShift(g.rw))
    const to = addDays(from, 6)
    return { from, to, precision: 'part_of_month', qualifier: null, edtf: `${iso(from)}/${iso(to)}`, year: from.y, month: from.m }
  },
}

/** 上个季度, 本季度, 下季度: a calendar quarter next to the reference date's */
export const relativeQuarter: Recognizer = {
  name: 'relative-quarter',
  pattern: /(?<rq>上个季度|上季度|本季度|这个季度|下个季度|下季度)/g,
  read: (g) => (ctx) => {
    if (!ctx.reference) return unresolved(g)
    const shift = /上/.test(g.rq as string) ? -1 : /下/.test(g.rq as string) ? 1 : 0
    const q = Math.floor((ctx.reference.m - 1) / 3) + shift
    const { y, m } = addMonths(ctx.reference.y, 1, q * 3)
    const quarter = (m - 1) / 3 + 1
    return { ...monthSpan(y, m, m + 2), precision: 'quarter', edtf: `${pad(y, 4)}-${32 + quarter}` }
  },
}

/** 两年前, 3个月前, 20天后: a year, month or day counted from the reference date */
export const ago: Recognizer = {
  name: 'ago',
  pattern:
    /(?<![0-9零一二三四五六七八九十百])(?<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})(?<u>年|个月|个星期|周|天)(?<dir>之前|之后|以前|以后|前|后)(?![往进来者])/g,
  read: (g) => (ctx) => {
    if (!ctx.reference) return unresolved(g)
    const n = countNumber(g.n as string)
    if (!Number.isFinite(n)) return null
    const sign = /前/.test(g.dir as string) ? -1 : 1
    const ref = ctx.reference
    if (g.u === '年') return yearSpan(ref.y + sign * n)
    if (g.u === '个月') {
      const t = addMonths(ref.y, ref.m, sign * n)
      return monthSpan(t.y, t.m)
    }
    const d = addDays(ref, sign * n * (g.u === '天' ? 1 : 7))
    return daySpan(d.y, d.m, d.d)
  },
}
