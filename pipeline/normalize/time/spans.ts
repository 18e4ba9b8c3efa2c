/** Spans written as one expression: 1999.08-2002.02, 今年前三季度, 2022年前十一个月, 2005年首月. */

import { countNumber, lastOf, pad, yearNumber } from './calendar.ts'
import { monthSpan, unresolved } from './periods.ts'
import type { Recognizer } from './types.ts'
import { alternation, firstCharacters, RELATIVE_YEARS, reachOf, wordsFrom } from './words.ts'

/** 1999.08-2002.02, 2008.03-2009: spans of year.month, as CVs and reports write them */
export const dottedSpan: Recognizer = {
  name: 'dotted-span',
  pattern: /(?<![0-9.])(?<y1>[12][0-9]{3})\.(?<m1>0[1-9]|1[0-2])-(?<y2>[12][0-9]{3})(?:\.(?<m2>0[1-9]|1[0-2]))?(?![0-9.])/g,
  read: (g) => () => {
    const [y1, m1, y2] = [Number(g.y1), Number(g.m1), Number(g.y2)]
    const m2 = g.m2 ? Number(g.m2) : 12
    if (y2 * 12 + m2 < y1 * 12 + m1) return null
    return {
      from: { y: y1, m: m1, d: 1 },
      to: lastOf(y2, m2),
      precision: 'month',
      qualifier: null,
      edtf: `${pad(y1, 4)}-${pad(m1)}/${g.m2 ? `${pad(y2, 4)}-${pad(m2)}` : pad(y2, 4)}`,
      year: y2,
      month: m2,
    }
  },
}

/** 今年前三季度, 2021年前两个季度, 2022年前十一个月, 二零二一年后三月, 2005年首月: the first or last N quarters or months of a year */
export const yearSpanOf: Recognizer = {
  name: 'year-span',
  pattern: new RegExp(
    `(?:(?<sy>[12][0-9]{3}|[零一二三四五六七八九]{4})年|(?<sr>${alternation(wordsFrom(RELATIVE_YEARS, 'reference'))}))(?:(?<sd>前|后|头)(?<sn>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})个?(?<su>季度|月)|(?<sf>首月|首个月))`,
    'g',
  ),
  // 年 after four characters of year, or inside the relative year word
  anchor: {
    chars: '年',
    reach: Math.max(4, reachOf('年', wordsFrom(RELATIVE_YEARS, 'reference'))),
    starts: `12零一二三四五六七八九${firstCharacters(wordsFrom(RELATIVE_YEARS, 'reference'))}`,
  },
  read: (g) => (ctx) => {
    const y = g.sy ? yearNumber(g.sy, ctx) : ctx.reference ? ctx.reference.y + RELATIVE_YEARS[g.sr as string].offset : null
    if (y === null) return unresolved({})
    if (g.sf) return monthSpan(y, 1)
    const n = countNumber(g.sn as string)
    const months = g.su === '季度' ? n * 3 : n
    if (!(months >= 1 && months <= 12)) return null
    const [m1, m2] = g.sd === '后' ? [13 - months, 12] : [1, months]
    return { ...monthSpan(y, m1, m2), precision: g.su === '季度' ? 'quarter' : 'month' }
  },
}
