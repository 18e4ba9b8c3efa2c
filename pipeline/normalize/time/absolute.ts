/** Dates written out: 2019年3月11日, 3月11日, 2019-03-11, 6·30, and a day alone in the month in context (12日). */

import { pad, smallNumber, yearNumber } from './calendar.ts'
import { MD, TAIL, Y, YEAR_PART } from './patterns.ts'
import { applyTail, daySpan, monthSpan, resolveWithinYear, unresolved, yearPart, yearSpan } from './periods.ts'
import type { Recognizer, Resolve } from './types.ts'

/** 19年 could be the year 2019 or nineteen years: 19年来, 19年间, 工作了19年 are durations. */
export function isDuration(folded: string, start: number, end: number): boolean {
  return (
    /^(?:来|间|内|多|半|之|时间|的时间|里|中|左右|以上|以下)/.test(folded.slice(end, end + 3)) ||
    /(?:了|近|过去|长达|历时|用了|花了|这|那|每|几) ?$/.test(folded.slice(Math.max(0, start - 3), start))
  )
}

const readAbsolute: Recognizer['read'] = (g, m, folded): Resolve | null => {
  if (g.y && g.y.length === 2 && !g.m && !g.yp && isDuration(folded, m.index, m.index + m[0].length)) return null
  return (ctx) => {
    const year = g.y ? yearNumber(g.y, ctx) : (ctx.year ?? ctx.reference?.y ?? null)
    if (year === null) return unresolved(g)
    return applyTail(resolveWithinYear(year, g), g.q)
  }
}

/** 2019年, 2019年3月, 2017 年 3 月, 2019年3月11日, 2020年下半年, 2025年前 */
export const withYear: Recognizer = {
  name: 'with-year',
  pattern: new RegExp(`${Y}(?: ?${MD}|${YEAR_PART})?${TAIL}`, 'g'),
  // 年 after at most six characters of year (两千零二十三) and a space
  anchor: { chars: '年', reach: 7, starts: '0123456789零一二两三四五六七八九' },
  read: readAbsolute,
}

/** 3月11日, 九月中旬, 6月之前: in the year in context */
export const monthDay: Recognizer = {
  name: 'month-day',
  pattern: new RegExp(`(?<![0-9零一二三四五六七八九十个])${MD}${TAIL}`, 'g'),
  // 月 after at most two months of two characters, the dash between them and a space (10--12 月)
  anchor: { chars: '月', reach: 7, starts: '0123456789一二三四五六七八九十' },
  read: readAbsolute,
}

/** 2019-03-11, 2019/04/19, 2019.3.11, 2019-03 */
export const numeric: Recognizer = {
  name: 'numeric',
  pattern:
    /(?<![0-9.])(?<y>[12][0-9]{3})(?<s>[-/.])(?<m>1[0-2]|0?[1-9])\k<s>(?<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])(?:[t ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?|(?<![0-9.])(?<y2>[12][0-9]{3})[-/](?<m2>1[0-2]|0[1-9])(?![0-9/-])/g,
  read: (g) => () => (g.y2 ? monthSpan(Number(g.y2), Number(g.m2)) : daySpan(Number(g.y), Number(g.m), Number(g.d))),
}

/** 6·30: month and day around a middle dot, in the year in context */
export const dotDate: Recognizer = {
  name: 'dot-date',
  pattern: /(?<![0-9.·])(?<m>1[0-2]|[1-9])·(?<d>3[01]|[12][0-9]|[1-9])(?![0-9·])/g,
  read: (g) => (ctx) => {
    const year = ctx.year ?? ctx.reference?.y ?? null
    if (year === null) return unresolved(g)
    return daySpan(year, Number(g.m), Number(g.d))
  },
}

/** 12日, 十五号: a day of the month in context (3月11日和12日) */
export const bareDay: Recognizer = {
  name: 'bare-day',
  pattern:
    /(?<![0-9零一二三四五六七八九十月个第])(?:(?<bd>3[01]|[12][0-9]|0?[1-9])[日号]|(?<bdz>三十一|三十|二十[一二三四五六七八九]|二十|十[一二三四五六七八九]|[一二三四五六七八九十])号)(?![内后前以来之])/g,
  anchor: { chars: '日号', reach: 3, starts: '0123456789一二三四五六七八九十' },
  read: (g) => (ctx) => {
    const day = g.bd ? Number(g.bd) : smallNumber(g.bdz as string)
    const base =
      ctx.year !== null && ctx.month !== null
        ? { y: ctx.year, m: ctx.month }
        : ctx.year === null && ctx.reference
          ? { y: ctx.reference.y, m: ctx.reference.m }
          : null
    if (!base) return { ...unresolved({}), precision: 'day', edtf: `XXXX-XX-${pad(day)}` }
    return daySpan(base.y, base.m, day)
  },
}

/**
 * 2022财年, FY2022, FY22Q3: a fiscal year, whose calendar months the text does not give, reads as
 * the calendar year of that number, qualifier about (conventions: fiscal_years); 2022Q3 is a calendar quarter.
 */
export const fiscalOrQuarter: Recognizer = {
  name: 'fiscal-or-quarter',
  pattern:
    /(?<![0-9a-z.])(?:fy ?(?<fy>[12][0-9]{3}|[0-9]{2})(?: ?q[1-4])?|(?<fy2>[12][0-9]{3}) ?(?:财年|财政年度|会计年度)|(?<qy>[12][0-9]{3}) ?q(?<qn>[1-4]))(?![0-9a-z])/g,
  read: (g) => (ctx) => {
    if (g.qy) return yearPart(Number(g.qy), `q${g.qn}`)
    const y = yearNumber((g.fy ?? g.fy2) as string, ctx)
    return { ...yearSpan(y), qualifier: 'about', edtf: `${pad(y, 4)}~` }
  },
}
