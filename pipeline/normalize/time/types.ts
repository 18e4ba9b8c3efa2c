/** The shapes every time recognizer shares: what a match says, and what it resolves to. */

export type Precision = 'day' | 'part_of_month' | 'month' | 'quarter' | 'half_year' | 'part_of_year' | 'year' | 'decade' | 'century' | 'unknown'
export type DateQualifier = 'early' | 'mid' | 'late' | 'before' | 'after' | 'about'

export interface TimeValue {
  date_start: string | null
  date_end: string | null
  date_precision: Precision
  date_qualifier: DateQualifier | null
  date_edtf: string | null
}

export interface TimeMatch extends TimeValue {
  start: number
  end: number
}

/** A calendar date as numbers; month 1-12. */
export interface Ymd {
  y: number
  m: number
  d: number
}

/** What is in force when an expression is resolved: the last dated expression, and the reference date. */
export interface Context {
  year: number | null
  month: number | null
  /** the day of the last expression that named one day, for 当天 and 次日 */
  day: Ymd | null
  /** the last resolved period, for 去年同期 */
  last: Resolved | null
  reference: Ymd | null
}

export interface Resolved {
  from: Ymd | null
  to: Ymd | null
  precision: Precision
  qualifier: DateQualifier | null
  edtf: string | null
  year: number
  month: number | null
}

export type Groups = Record<string, string | undefined>

/** Resolves a match, given the year (and month) in force and the reference date; null drops it. */
export type Resolve = (ctx: Context) => Resolved | null

/** One row of the recognizer table: a pattern over folded text and how to read one of its matches. */
export interface Recognizer {
  name: string
  pattern: RegExp
  /**
   * A character every match holds within `reach` units of its start (年 for 2019年3月): the scan then
   * tries the pattern only just before those characters instead of at every position of the text.
   * `starts`, when given, holds every character a match can start with. Without an anchor the pattern
   * scans the whole text.
   */
  anchor?: { chars: string; reach: number; starts?: string }
  /** null when the match is not a date after all (19年来 is a duration) */
  read: (g: Groups, match: RegExpExecArray, folded: string) => Resolve | null
}

/** A match found by a recognizer, before years are filled in from context. */
export interface Parsed {
  start: number
  end: number
  resolve: Resolve
}
