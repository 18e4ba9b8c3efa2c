/**
 * Time expressions in folded text (text.ts), each resolved to an inclusive day range, a precision,
 * a qualifier and an EDTF string. The recognizers are in time/ (one file per kind, run by the table
 * in time/index.ts); vague periods (年初, 月底 ...) follow date-conventions.json and relative words
 * time/relative-words.json. A date without a year takes it from the nearest earlier dated
 * expression, else from the reference date (the article's publication date); relative ones (去年)
 * need the reference date.
 */

import { keepLongest } from './overlaps.ts'
import { iso } from './time/calendar.ts'
import { findCandidates } from './time/index.ts'
import type { Context, Resolved, TimeMatch, TimeValue, Ymd } from './time/types.ts'

export type { DateQualifier, Precision, TimeMatch, TimeValue } from './time/types.ts'

const RANGE_JOIN = /^\s*(?:--|[-~至到])\s*$/
/** X至今: from X to the reference date */
const UNTIL_NOW = /^\s*(?:至今|迄今|到现在|到目前为止|到目前)/
/** qualifiers that name a part of a period: such an end can still join a span (3月下旬至4月初) */
const PART_QUALIFIERS = new Set([null, 'early', 'mid', 'late'])

/**
 * Finds and resolves time expressions. Overlapping candidates: the longest wins, then the first.
 * Two dates joined by 至/到/- become one span (2017年8月11日至8月22日, 3月下旬至4月初), and X至今 one
 * span from X to the reference date.
 */
export function findTimes(folded: string, reference: Ymd | null): TimeMatch[] {
  const out: TimeMatch[] = []
  forEachTime(folded, reference, (t) => out.push(t))
  return out
}

/** The time expressions one by one, in the order findTimes lists them: a caller that converts each keeps no list of them. */
export function forEachTime(folded: string, reference: Ymd | null, emit: (t: TimeMatch) => void): void {
  const chosen = keepLongest(findCandidates(folded), folded.length)
  const ctx: Context = { year: null, month: null, day: null, last: null, reference }
  /** the last expression found, held back until the next one shows whether the two make one span */
  let previous: Found | null = null
  for (const c of chosen) {
    const r = c.resolve(ctx)
    if (r === null) continue
    if (Number.isFinite(r.year)) {
      ctx.year = r.year
      ctx.month = r.month
      ctx.day = r.from && r.to && iso(r.from) === iso(r.to) ? r.from : null
    }
    if (r.from && r.to) ctx.last = r
    let found: Found = { match: toMatch(c.start, trimEnd(folded, c.start, c.end), r), resolved: r }
    const joined = previous && RANGE_JOIN.test(folded.slice(previous.match.end, c.start)) ? joinSpan(previous, found) : null
    if (joined) found = joined
    else if (previous) emit(previous.match)
    const untilNow = UNTIL_NOW.exec(folded.slice(found.match.end, found.match.end + 8))
    if (untilNow) found = untilNowSpan(found, reference, found.match.end + untilNow[0].length) ?? found
    previous = found
  }
  if (previous) emit(previous.match)
}

/** A match and what it resolved to. */
interface Found {
  match: TimeMatch
  resolved: Resolved
}

/** The span from `previous` to `next` when both ends are dates (or parts of periods) in order, else null. */
function joinSpan(previous: Found, next: Found): Found | null {
  const from = previous.resolved.from
  const to = next.resolved.to
  const r = next.resolved
  if (!from || !to || !PART_QUALIFIERS.has(previous.resolved.qualifier) || !PART_QUALIFIERS.has(r.qualifier) || iso(from) > iso(to)) return null
  return {
    match: {
      start: previous.match.start,
      end: next.match.end,
      date_start: iso(from),
      date_end: iso(to),
      date_precision: previous.resolved.precision === r.precision ? r.precision : 'unknown',
      date_qualifier: null,
      date_edtf: `${edtfStart(previous.resolved)}/${edtfEnd(r)}`,
    },
    resolved: { ...r, from, qualifier: null },
  }
}

/** X至今: to the reference date (a day), or open-ended (qualifier after) without one; null when X is not a plain period. */
function untilNowSpan({ match, resolved: r }: Found, reference: Ymd | null, end: number): Found | null {
  const from = r.from
  if (!from || !PART_QUALIFIERS.has(r.qualifier) || (reference && iso(reference) < iso(from))) return null
  const value: TimeValue = reference
    ? {
        date_start: iso(from),
        date_end: iso(reference),
        date_precision: r.precision === 'day' ? 'day' : 'unknown',
        date_qualifier: null,
        date_edtf: `${edtfStart(r)}/${iso(reference)}`,
      }
    : { date_start: iso(from), date_end: null, date_precision: r.precision, date_qualifier: 'after', date_edtf: `${iso(from)}/..` }
  return { match: { start: match.start, end, ...value }, resolved: { ...r, to: reference, qualifier: value.date_qualifier } }
}

function edtfStart(r: Resolved): string {
  return r.edtf?.split('/')[0] ?? (r.from ? iso(r.from) : '..')
}
function edtfEnd(r: Resolved): string {
  const parts = r.edtf?.split('/') ?? [r.to ? iso(r.to) : '..']
  return parts[parts.length - 1]
}

function trimEnd(folded: string, start: number, end: number): number {
  let e = end
  while (e > start && /\s/.test(folded[e - 1])) e--
  return e
}

function toMatch(start: number, end: number, r: Resolved): TimeMatch {
  return {
    start,
    end,
    date_start: r.from ? iso(r.from) : null,
    date_end: r.to ? iso(r.to) : null,
    date_precision: r.precision,
    date_qualifier: r.qualifier,
    date_edtf: r.edtf ? r.edtf.replace(/~~/g, '~') : null,
  }
}
