/** Expressions that count from the reference date or the date in context: 去年, 次年, 上个月, 昨天, 次日, 上周, 上季度, 三年前. */

import { addDays, addMonths, countNumber, daysIn, iso, mondayOf, pad, smallNumber, weekShift } from './calendar.ts'
import { CLOCK, D, MD, MONTH_PART, TAIL, YEAR_PART } from './patterns.ts'
import { applyTail, daySpan, monthPart, monthSpan, resolveWithinYear, unresolved, yearSpan } from './periods.ts'
import type { Recognizer, Ymd } from './types.ts'
import { alternation, firstCharacters, RELATIVE_DAYS, RELATIVE_MONTHS, RELATIVE_YEARS, reachOf, TODAY_BEFORE, wordsFrom } from './words.ts'

/** 去年, 明年3月, 次年年末, 当年: a year counted from the reference date, or from the year in context */
export const relativeYear: Recognizer = {
  name: 'relative-year',
  pattern: new RegExp(`(?<ry>${alternation(Object.keys(RELATIVE_YEARS))})(?:${MD}|${YEAR_PART})?${TAIL}`, 'g'),
  anchor: { chars: '年', reach: reachOf('年', Object.keys(RELATIVE_YEARS)), starts: firstCharacters(Object.keys(RELATIVE_YEARS)) },
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

/**
 * 两年前, 3个月前, 20天后, 半年前: a year, month or day counted from the date in context (2015年成立，三年后),
 * else from the reference date. With a year in context but no month (or day), a count of months (or days) is unresolved.
 */
export const ago: Recognizer = {
  name: 'ago',
  pattern:
    /(?<![0-9零一二三四五六七八九十百])(?<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3}|半(?=年|个月))(?<u>年|个月|个星期|周|天)(?<dir>之前|之后|以前|以后|前|后)(?![往进来者])/g,
  // the unit after at most three characters of count
  anchor: { chars: '年个周天', reach: 3, starts: '0123456789一二两三四五六七八九十半' },
  read: (g) => (ctx) => {
    if (!ctx.reference) return unresolved(g)
    const n = g.n === '半' ? null : countNumber(g.n as string)
    if (n !== null && !Number.isFinite(n)) return null
    // 半年 is six months, 半个月 fifteen days
    const [unit, count] = n === null ? (g.u === '年' ? ['个月', 6] : ['天', 15]) : [g.u as string, n]
    const sign = /前/.test(g.dir as string) ? -1 : 1
    const ref = ctx.reference
    if (unit === '年') return yearSpan((ctx.year ?? ref.y) + sign * count)
    if (unit === '个月') {
      const base = ctx.year === null ? ref : ctx.month !== null ? { y: ctx.year, m: ctx.month } : null
      if (!base) return unresolved(g)
      const t = addMonths(base.y, base.m, sign * count)
      return monthSpan(t.y, t.m)
    }
    const base = ctx.day ?? (ctx.year === null ? ref : null)
    if (!base) return unresolved(g)
    const d = addDays(base, sign * count * (unit === '天' ? 1 : 7))
    return daySpan(d.y, d.m, d.d)
  },
}

/** 今 before a reporting verb (今宣布, 今发布): the reference day, as a dateline uses it */
export const todayWord: Recognizer = {
  name: 'today-word',
  pattern: new RegExp(`(?<![至如现古当迄而于从自])今(?=${alternation(TODAY_BEFORE)})`, 'g'),
  read: () => (ctx) => (ctx.reference ? daySpan(ctx.reference.y, ctx.reference.m, ctx.reference.d) : unresolved({})),
}

const N = '[0-9]{1,2}|[一二两三四五六七八九十]{1,3}'
/**
 * 未来两年, 未来6个月: from the reference date to the same date N units later (qualifier about);
 * 前两年 at the start of a clause: the N calendar years before the reference year (about: colloquially "a couple of years ago").
 */
export const comingOrPastYears: Recognizer = {
  name: 'coming-or-past-years',
  pattern: new RegExp(
    `未来(?<fn>${N})(?<fu>年|个月|天)(?![前后来多])|(?<=^|[\\s,.;:!?。；：！？、(“"]|在|于|到|从)前(?<pn>${N})年(?![前后内里间来中度级底初末多])`,
    'g',
  ),
  anchor: { chars: '未前', reach: 0 },
  read: (g) => (ctx) => {
    const ref = ctx.reference
    if (!ref) return unresolved({})
    const n = countNumber((g.fn ?? g.pn) as string)
    if (!(n >= 1)) return null
    if (g.pn) {
      const [y1, y2] = [ref.y - n, ref.y - 1]
      return { ...yearSpan(y2), from: { y: y1, m: 1, d: 1 }, qualifier: 'about', edtf: y1 === y2 ? `${pad(y1, 4)}~` : `${pad(y1, 4)}~/${pad(y2, 4)}~` }
    }
    const to = g.fu === '天' ? addDays(ref, n) : addMonthsToDay(ref, g.fu === '年' ? 12 * n : n)
    const precision = g.fu === '年' ? 'year' : g.fu === '个月' ? 'month' : 'day'
    return { from: ref, to, precision, qualifier: 'about', edtf: `${iso(ref)}/${iso(to)}~`, year: to.y, month: null }
  },
}

/** The same day `months` later, or the last day of that month when it is shorter (1月31日 + 1 month = 2月28日). */
function addMonthsToDay(d: Ymd, months: number): Ymd {
  const t = addMonths(d.y, d.m, months)
  return { y: t.y, m: t.m, d: Math.min(d.d, daysIn(t.y, t.m)) }
}

/** 去年同期, 上年同期: the period in context, as many years earlier as the word says; unresolved without one */
export const samePeriod: Recognizer = {
  name: 'same-period',
  pattern: new RegExp(`(?<sp>${alternation(wordsFrom(RELATIVE_YEARS, 'reference'))})同期`, 'g'),
  read: (g) => (ctx) => {
    const last = ctx.last
    if (!last?.from || !last.to) return unresolved({})
    const shift = RELATIVE_YEARS[g.sp as string].offset
    if (shift === 0) return last
    const move = (d: Ymd): Ymd => ({ y: d.y + shift, m: d.m, d: Math.min(d.d, daysIn(d.y + shift, d.m)) })
    const edtf = last.edtf?.replace(/(^|\/)([0-9]{4})/g, (_, p: string, y: string) => `${p}${pad(Number(y) + shift, 4)}`) ?? null
    return { ...last, from: move(last.from), to: move(last.to), edtf, year: last.year + shift }
  },
}
