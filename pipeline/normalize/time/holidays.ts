/** Fixed-day holidays (元旦, 去年国庆节, 2019年双十一), listed in date-conventions.json. */

import { pad } from './calendar.ts'
import { daySpan, unresolved } from './periods.ts'
import type { Recognizer } from './types.ts'
import { alternation, firstCharacters, HOLIDAYS, RELATIVE_YEARS, wordsFrom } from './words.ts'

/** 元旦, 去年国庆节, 2019年双十一: a fixed-day holiday, with a year written before it or taken from context */
export const holiday: Recognizer = {
  name: 'holiday',
  pattern: new RegExp(
    `(?:(?<hy>[12][0-9]{3})年|(?<hr>${alternation(wordsFrom(RELATIVE_YEARS, 'reference'))}))?(?<h>${alternation(Object.keys(HOLIDAYS))})`,
    'g',
  ),
  // the holiday's name, after a year (2019年) or a relative year word
  anchor: {
    chars: firstCharacters(Object.keys(HOLIDAYS)),
    reach: Math.max(5, ...wordsFrom(RELATIVE_YEARS, 'reference').map((w) => w.length)),
    starts: `12${firstCharacters(wordsFrom(RELATIVE_YEARS, 'reference'))}${firstCharacters(Object.keys(HOLIDAYS))}`,
  },
  read: (g) => (ctx) => {
    const year = g.hy ? Number(g.hy) : g.hr ? (ctx.reference ? ctx.reference.y + RELATIVE_YEARS[g.hr].offset : null) : (ctx.year ?? ctx.reference?.y ?? null)
    const [m, d] = HOLIDAYS[g.h as string]
    if (year === null) return { ...unresolved({}), precision: 'day', edtf: `XXXX-${pad(m)}-${pad(d)}` }
    return daySpan(year, m, d)
  },
}
