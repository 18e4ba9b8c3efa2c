/** Weekdays (周三, 下周六), weekends (上周末) and clock times alone (下午3点, 15:37), near the reference date. */

import { addDays, iso, mondayOf, weekShift } from './calendar.ts'
import { CLOCK, CLOCK_CORE, DAY_PART } from './patterns.ts'
import { daySpan, unresolved } from './periods.ts'
import type { Recognizer } from './types.ts'

/** 周三, 下周六, 上个星期天, 下周一上午9点: a weekday of this, last or next week (weeks start on Monday) */
export const weekday: Recognizer = {
  name: 'weekday',
  pattern: new RegExp(`(?<wp>上上|下下|上|下|本|这)?个?(?:周|星期|礼拜)(?<wd>[一二三四五六日天])${CLOCK}`, 'g'),
  read: (g) => (ctx) => {
    if (!ctx.reference) return unresolved(g)
    const d = addDays(mondayOf(ctx.reference, weekShift(g.wp)), '一二三四五六日'.indexOf(g.wd === '天' ? '日' : (g.wd as string)))
    return daySpan(d.y, d.m, d.d)
  },
}

/** 这个周末, 上周末: Saturday and Sunday of a week */
export const weekend: Recognizer = {
  name: 'weekend',
  pattern: /(?<ep>上上|下下|上|下|本|这)?个?(?:周末|星期六和星期日|礼拜六和礼拜天)/g,
  read: (g) => (ctx) => {
    if (!ctx.reference) return unresolved(g)
    const saturday = addDays(mondayOf(ctx.reference, weekShift(g.ep)), 5)
    const sunday = addDays(saturday, 1)
    return {
      from: saturday,
      to: sunday,
      precision: 'part_of_month',
      qualifier: null,
      edtf: `${iso(saturday)}/${iso(sunday)}`,
      year: saturday.y,
      month: saturday.m,
    }
  },
}

/** 下午3点, 15:37: a time of day, on the day in context (3月11日……下午3点), else on the reference date when no year is in context */
export const clockOnly: Recognizer = {
  name: 'clock-only',
  pattern: new RegExp(`${DAY_PART}${CLOCK_CORE}|(?<![0-9:.])(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?![0-9:])`, 'g'),
  read: () => (ctx) => {
    const day = ctx.day ?? (ctx.year === null ? ctx.reference : null)
    return day ? daySpan(day.y, day.m, day.d) : unresolved({})
  },
}
