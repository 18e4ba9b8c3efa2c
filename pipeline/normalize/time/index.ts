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
  for (const recognizer of recognizers) {
    if (recognizer.anchor) findAnchored(folded, recognizer, out)
    else findAll(folded, recognizer, out)
  }
  return out
}

function findAll(folded: string, { pattern, read }: Recognizer, out: Parsed[]): void {
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

interface AnchoredScan {
  sticky: RegExp
  /** finds the next anchor character: the text is searched natively, not one character at a time in JavaScript */
  anchors: RegExp
  /** null when a match may start with any character */
  isStart: Uint8Array | null
}
const ANCHORED = new WeakMap<Recognizer, AnchoredScan>()

function anchoredScan(recognizer: Recognizer): AnchoredScan {
  let scan = ANCHORED.get(recognizer)
  if (!scan) {
    const anchors = new RegExp(`[${(recognizer.anchor?.chars ?? '').replace(/[\\\]^-]/g, '\\$&')}]`, 'g')
    const starts = recognizer.anchor?.starts
    const isStart = starts === undefined ? null : new Uint8Array(65536)
    for (const ch of starts ?? '') if (isStart) isStart[ch.charCodeAt(0)] = 1
    scan = { sticky: new RegExp(recognizer.pattern.source, `${recognizer.pattern.flags.replace('g', '')}y`), anchors, isStart }
    ANCHORED.set(recognizer, scan)
  }
  return scan
}

/**
 * The matches findAll finds, trying the pattern only at the positions up to `reach` before an anchor
 * character (and holding a character a match starts with), in text order, each from where the last
 * match ended: every other position starts no match.
 */
function findAnchored(folded: string, recognizer: Recognizer, out: Parsed[]): void {
  const { sticky, anchors, isStart } = anchoredScan(recognizer)
  const reach = recognizer.anchor?.reach ?? 0
  /** the first position not tried yet */
  let next = 0
  anchors.lastIndex = 0
  while (anchors.test(folded)) {
    const a = anchors.lastIndex - 1
    for (let p = Math.max(next, a - reach); p <= a; p++) {
      if (isStart !== null && isStart[folded.charCodeAt(p)] === 0) continue
      sticky.lastIndex = p
      const m = sticky.exec(folded)
      next = p + 1
      if (!m || m[0].length === 0) continue
      const resolve = recognizer.read(m.groups ?? {}, m, folded)
      if (resolve) out.push({ start: p, end: p + m[0].length, resolve })
      next = p + m[0].length
      p = next - 1
    }
    // an anchor before `next` has nothing left to try in its reach
    if (next > anchors.lastIndex) anchors.lastIndex = next
  }
}
