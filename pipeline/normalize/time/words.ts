/** The relative-word lexicons (relative-words.json) and the holidays (date-conventions.json), typed, with their alternations. */

import conventions from '../date-conventions.json' with { type: 'json' }
import words from './relative-words.json' with { type: 'json' }

export interface RelativeWord {
  offset: number
  /** 'reference': counts from the reference date; 'context': from the date in context */
  from: 'reference' | 'context'
}
type Lexicon = Record<string, RelativeWord>

export const RELATIVE_YEARS = words.relative_years as Lexicon
export const RELATIVE_MONTHS = words.relative_months as Lexicon
export const RELATIVE_DAYS = words.relative_days as Lexicon
/** 今宣布: the words after which 今 alone is the reference day */
export const TODAY_BEFORE: string[] = words.today_before.words

/** Fixed-day holidays, [month, day]. */
export const HOLIDAYS = Object.fromEntries(Object.entries(conventions.fixed_holidays).filter(([k]) => k !== 'description')) as Record<string, number[]>

/** A regex alternation of the words, longest first so that no word hides a longer one. */
export function alternation(list: Iterable<string>): string {
  return [...list].sort((a, b) => b.length - a.length).join('|')
}

/** The furthest `ch` stands from the start of any of the words; a word without it is a mistake in the lexicon. */
export function reachOf(ch: string, list: string[]): number {
  const missing = list.find((w) => !w.includes(ch))
  if (missing !== undefined) throw new Error(`"${missing}" has no ${ch}: the recognizer that anchors its words on ${ch} would miss it`)
  return Math.max(0, ...list.map((w) => w.lastIndexOf(ch)))
}

/** The characters the words start with, each once. */
export function firstCharacters(list: Iterable<string>): string {
  return [...new Set([...list].map((w) => w[0]))].join('')
}

/** The words of a lexicon that count from the given base. */
export function wordsFrom(lexicon: Lexicon, from: RelativeWord['from']): string[] {
  return Object.keys(lexicon).filter((w) => lexicon[w].from === from)
}
