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

/**
 * Finds and resolves time expressions. Overlapping candidates: the longest wins, then the first.
 * Two dates joined by 至/到/- become one span (2017年8月11日至8月22日).
 */
export function findTimes(folded: string, reference: Ymd | null): TimeMatch[] {
  const chosen = keepLongest(findCandidates(folded), folded.length)
  const ctx: Context = { year: null, month: null, day: null, reference }
  const out: TimeMatch[] = []
  let previous: { match: TimeMatch; resolved: Resolved } | null = null
  for (const c of chosen) {
    const r = c.resolve(ctx)
    if (r === null) continue
    if (Number.isFinite(r.year)) {
      ctx.year = r.year
      ctx.month = r.month
      ctx.day = r.from && r.to && iso(r.from) === iso(r.to) ? r.from : null
    }
    const match: TimeMatch = { start: c.start, end: trimEnd(folded, c.start, c.end), ...toValue(r) }
    const gap = previous ? folded.slice(previous.match.end, c.start) : ''
    if (previous?.resolved.from && r.to && RANGE_JOIN.test(gap) && previous.resolved.qualifier === null && r.qualifier === null) {
      const from: Ymd = previous.resolved.from
      const to: Ymd = r.to
      if (iso(from) <= iso(to)) {
        const merged: TimeMatch = {
          start: previous.match.start,
          end: match.end,
          date_start: iso(from),
          date_end: iso(to),
          date_precision: previous.resolved.precision === r.precision ? r.precision : 'unknown',
          date_qualifier: null,
          date_edtf: `${edtfStart(previous.resolved)}/${edtfEnd(r)}`,
        }
        out[out.length - 1] = merged
        previous = { match: merged, resolved: { ...r, from } }
        continue
      }
    }
    out.push(match)
    previous = { match, resolved: r }
  }
  return out
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

function toValue(r: Resolved): TimeValue {
  return {
    date_start: r.from ? iso(r.from) : null,
    date_end: r.to ? iso(r.to) : null,
    date_precision: r.precision,
    date_qualifier: r.qualifier,
    date_edtf: r.edtf ? r.edtf.replace(/~~/g, '~') : null,
  }
}
