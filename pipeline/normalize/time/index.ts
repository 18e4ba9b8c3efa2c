/**
 * The recognizer table: every pattern that finds a time expression, in the order candidates are
 * collected. Where two candidates of equal length start at the same place, the earlier row wins.
 */

import { bareDay, dotDate, fiscalOrQuarter, monthDay, numeric, withYear } from './absolute.ts'
import { holiday } from './holidays.ts'
import { ago, comingOrPastYears, relativeDay, relativeMonth, relativeQuarter, relativeWeek, relativeYear, samePeriod, todayWord } from './relative.ts'
import { dottedSpan, yearSpanOf } from './spans.ts'
import type { Parsed, Recognizer } from './types.ts'
import { barePart, decade } from './vague.ts'
import { clockOnly, weekday, weekend } from './weekday-clock.ts'

export const RECOGNIZERS: readonly Recognizer[] = [
  withYear,
  monthDay,
  numeric,
  relativeYear,
  relativeMonth,
  relativeDay,
  relativeWeek,
  ago,
  barePart,
  decade,
  weekday,
  bareDay,
  dotDate,
  dottedSpan,
  yearSpanOf,
  relativeQuarter,
  weekend,
  holiday,
  clockOnly,
  fiscalOrQuarter,
  todayWord,
  comingOrPastYears,
  samePeriod,
]

/** Every candidate match of the recognizers over folded text, overlapping ones included. */
export function findCandidates(folded: string, recognizers: readonly Recognizer[] = RECOGNIZERS): Parsed[] {
  const out: Parsed[] = []
  for (const { pattern, read } of recognizers) {
    pattern.lastIndex = 0
    for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
      if (m[0].length === 0) {
        pattern.lastIndex++
        continue
      }
      const resolve = read(m.groups ?? {}, m, folded)
      if (resolve) out.push({ start: m.index, end: m.index + m[0].length, resolve })
    }
  }
  return out
}
