/**
 * Number mentions: counts, amounts without a currency, percentages (30%, 百分之三十),
 * multiples (十倍) and fractions (三分之一), found in folded text (text.ts).
 */

import { CHINESE_DIGITS, clean, type NumeralValue, readNumeral } from './cjk-numbers.ts'
import lexicon from './number-words.json' with { type: 'json' }

export type Qualifier = 'exact' | 'about' | 'over' | 'under'

export interface NumeralSpan {
  start: number
  end: number
  raw: string
  /** null when the run was refused */
  numeral: NumeralValue | null
  /** why the run names no number (1亿2亿, 亿亿, 十十), else null */
  refused: string | null
}

export interface NumberMatch {
  start: number
  end: number
  value: number | null
  low: number | null
  high: number | null
  unit: 'percent' | 'multiple' | null
  qualifier: Qualifier
  /** why no value was read from a numeral run that is not one number, else null */
  refused: string | null
}

const CLASSIFIERS = [...lexicon.classifiers].sort((a, b) => b.length - a.length)
/** not-a-number words by first character, so a run checks only the words that could start near it */
const NOT_NUMBERS = new Map<number, string[]>()
for (const word of lexicon.not_numbers) NOT_NUMBERS.set(word.charCodeAt(0), [...(NOT_NUMBERS.get(word.charCodeAt(0)) ?? []), word])
/** what a look-up of a character that starts no word finds */
const NONE: readonly never[] = []
const LONGEST_NOT_NUMBER = Math.max(...lexicon.not_numbers.map((w) => w.length))

const ARABIC = 1
const CHINESE_DIGIT = 2
const UNIT = 4
/** Character classes by UTF-16 code: one table look-up per character on the hot path. */
const CLASS = new Uint8Array(65536)
for (let c = 48; c <= 57; c++) CLASS[c] = ARABIC
for (const ch of Object.keys(CHINESE_DIGITS)) CLASS[ch.charCodeAt(0)] = CHINESE_DIGIT
for (const ch of '十百千万亿') CLASS[ch.charCodeAt(0)] = UNIT
/**
 * Tests of one character, by UTF-16 code (NaN past either end of the text): indexing a string with []
 * makes a new one-character string for every Chinese character, the hot loops compare codes instead.
 */
const code = (ch: string) => ch.charCodeAt(0)
const [C_TEN, C_HUNDRED, C_THOUSAND, C_WAN, C_YI, C_NIAN, C_SA, C_JI, C_SHU, C_DIAN, C_DUO, C_YU, C_GE, C_DI, C_FU] = [...'十百千万亿廿卅几数点多余个第负'].map(
  code,
)
const classOfCode = (c: number) => CLASS[c] | 0
const isArabicCode = (c: number) => c >= 48 && c <= 57
const isChineseDigitCode = (c: number) => classOfCode(c) === CHINESE_DIGIT
const isUnitCode = (c: number) => classOfCode(c) === UNIT
const isLatinCode = (c: number) => c >= 97 && c <= 122
const isSmallUnitCode = (c: number) => c === C_TEN || c === C_HUNDRED || c === C_THOUSAND
const isSpacedUnitCode = (c: number) => c === C_WAN || c === C_YI || c === C_THOUSAND || c === C_HUNDRED
/** the characters a numeral run can start with */
const STARTS_RUN = new Uint8Array(65536)
for (const ch of '0123456789零一二两三四五六七八九十百千万亿廿卅几数') STARTS_RUN[ch.charCodeAt(0)] = 1

/**
 * readNumeral's answers by numeral run, with the run's text: news repeats its numerals (1, 10亿, 2023),
 * the answers are never changed, and a span keeps the stored text rather than its own copy.
 */
const READ = new Map<string, { raw: string; numeral: ReturnType<typeof readNumeral> }>()

/**
 * Finds maximal numeral runs. Separators are taken only where they are part of a number:
 * "," before exactly three digits, "." between digits, 点 between Chinese digits.
 */
export function scanNumerals(folded: string): NumeralSpan[] {
  const spans: NumeralSpan[] = []
  const n = folded.length
  let i = 0
  while (i < n) {
    while (i < n && STARTS_RUN[folded.charCodeAt(i)] === 0) i++
    if (i === n) break
    const c = folded.charCodeAt(i)
    if (isArabicCode(c) && (isLatinCode(folded.charCodeAt(i - 1)) || isArabicCode(folded.charCodeAt(i - 1)))) {
      i++
      continue
    }
    if ((c === C_JI || c === C_SHU) && !isUnitCode(folded.charCodeAt(i + 1))) {
      i++
      continue
    }
    let j = i + 1
    /** a space was taken between a digit and a unit (3 亿): then a space after a unit is part of the number too (3 亿 105 万) */
    let spaced = false
    while (j < n) {
      const d = folded.charCodeAt(j)
      const prev = folded.charCodeAt(j - 1)
      const next = folded.charCodeAt(j + 1)
      if (CLASS[d] !== 0 || d === C_NIAN || d === C_SA) j++
      else if (
        d === 44 &&
        isArabicCode(prev) &&
        isArabicCode(next) &&
        isArabicCode(folded.charCodeAt(j + 2)) &&
        isArabicCode(folded.charCodeAt(j + 3)) &&
        !isArabicCode(folded.charCodeAt(j + 4))
      )
        j++
      else if (d === 46 && isArabicCode(prev) && isArabicCode(next)) j++
      else if (d === 32 && isArabicCode(prev) && isSpacedUnitCode(next)) {
        spaced = true
        j++
      } else if (d === 32 && spaced && (prev === C_WAN || prev === C_YI || prev === C_THOUSAND) && isArabicCode(next)) j++
      else if (d === C_DIAN && isChineseDigitCode(prev) && isChineseDigitCode(next)) j++
      else if (d === C_DIAN && isSmallUnitCode(prev) && isChineseDigitCode(next) && !isSmallUnitCode(afterDigits(folded, j + 1))) j++
      else if ((d === 107 || d === 119) && isArabicCode(prev) && !isLatinCode(next)) j++
      else if ((d === C_DUO || d === C_YU) && (isArabicCode(prev) || isChineseDigitCode(prev) || isUnitCode(prev)) && d !== next) j++
      else if (d === C_JI && (prev === C_TEN || prev === C_HUNDRED || prev === C_THOUSAND)) j++
      else if (d === C_GE && (isChineseDigitCode(prev) || isArabicCode(prev)) && (next === C_YI || next === C_WAN)) j++
      else break
    }
    // a space is never the last character of a run
    while (folded.charCodeAt(j - 1) === 32) j--
    let read = READ.get(folded.slice(i, j))
    if (read === undefined) {
      if (READ.size >= 20_000) READ.clear()
      const raw = folded.slice(i, j)
      read = { raw, numeral: readNumeral(raw) }
      READ.set(raw, read)
    }
    const { raw, numeral } = read
    if (numeral && 'refused' in numeral) spans.push({ start: i, end: j, raw, numeral: null, refused: numeral.refused })
    else if (numeral) spans.push({ start: i, end: j, raw, numeral, refused: null })
    i = j
  }
  return spans
}

/** the code of the character after the Chinese digits that start at `at` */
function afterDigits(folded: string, at: number): number {
  let i = at
  while (isChineseDigitCode(folded.charCodeAt(i))) i++
  return folded.charCodeAt(i)
}

interface QualifierWord {
  text: string
  qualifier: Qualifier
  before_unit?: boolean
}
/** longest first, so that 不少于 (over) wins over 少于 (under) */
const byLength = (a: QualifierWord, b: QualifierWord) => b.text.length - a.text.length
/** by last character (words before a figure) and first character (after), longest first: a look-up tries only a few */
const PRE_QUALIFIERS = groupBy([...(lexicon.pre_qualifiers as QualifierWord[])].sort(byLength), (w) => w.text.charCodeAt(w.text.length - 1))
const POST_QUALIFIERS = groupBy([...(lexicon.post_qualifiers as QualifierWord[])].sort(byLength), (w) => w.text.charCodeAt(0))
function groupBy(words: QualifierWord[], key: (w: QualifierWord) => number): Map<number, QualifierWord[]> {
  const map = new Map<number, QualifierWord[]>()
  for (const w of words) map.set(key(w), [...(map.get(key(w)) ?? []), w])
  return map
}
const STARTS_WITH_UNIT = /[百千万亿]/

/** The qualifier written just before `at` (约, 超过, 近 ...; spaces between allowed), and where it starts. */
export function qualifierBefore(folded: string, at: number): { qualifier: Qualifier; start: number } | null {
  let end = at
  while (folded.charCodeAt(end - 1) === 32) end--
  for (const w of PRE_QUALIFIERS.get(folded.charCodeAt(end - 1)) ?? NONE) {
    if (w.before_unit && !STARTS_WITH_UNIT.test(folded[at] ?? '')) continue
    if (folded.startsWith(w.text, end - w.text.length)) return { qualifier: w.qualifier, start: end - w.text.length }
  }
  return null
}

/** The qualifier written just after `at` (左右, 以上 ...; spaces between allowed), and where it ends. */
export function qualifierAfter(folded: string, at: number): { qualifier: Qualifier; end: number } | null {
  let start = at
  while (folded.charCodeAt(start) === 32) start++
  for (const w of POST_QUALIFIERS.get(folded.charCodeAt(start)) ?? NONE) {
    if (folded.startsWith(w.text, start)) return { qualifier: w.qualifier, end: start + w.text.length }
  }
  return null
}

/**
 * Widens [start, end) over the qualifier words written around a figure and says which applies:
 * the word after wins (至少九千块钱以上 is over), except that a vague 左右 after a precise word
 * before keeps the word before.
 */
export function qualify(folded: string, start: number, end: number, initial: Qualifier): { start: number; end: number; qualifier: Qualifier } {
  let qualifier = initial
  const pre = qualifierBefore(folded, start)
  if (pre) qualifier = pre.qualifier
  const post = qualifierAfter(folded, end)
  if (post && !(pre && post.qualifier === 'about' && pre.qualifier !== 'about')) qualifier = post.qualifier
  return { start: pre ? pre.start : start, end: post ? post.end : end, qualifier }
}

/**
 * A minus sign written before `start`: "-" with no digit, letter or unit before it (so 1万-5万 is a
 * range, not a negative), or 负 (负一百). Returns where the sign starts, or null.
 */
export function signBefore(folded: string, start: number): number | null {
  const c = folded.charCodeAt(start - 1)
  if (c === C_FU) return start - 1
  if (c !== 45) return null
  const before = folded[start - 2]
  return before === undefined || !/[0-9a-z零一二两三四五六七八九十百千万亿元币$¥￥€£%)~-]/.test(before) ? start - 1 : null
}

/** the characters of \s (and so of String.prototype.trim), by UTF-16 code: all of them are in the BMP */
const SPACE = new Uint8Array(65536).map((_, c) => (/\s/.test(String.fromCharCode(c)) ? 1 : 0))
const STOPS = new Set([...'。.!！?？'].map(code))

/** Nothing but \s in [from, to). */
function allSpaces(folded: string, from: number, to: number): boolean {
  for (let i = to - 1; i >= from; i--) if (SPACE[folded.charCodeAt(i)] === 0) return false
  return true
}

/** Nothing but \s and sentence stops from `from` to the end. */
function allSpacesOrStops(folded: string, from: number): boolean {
  for (let i = from; i < folded.length; i++) {
    const c = folded.charCodeAt(i)
    if (SPACE[c] === 0 && !STOPS.has(c)) return false
  }
  return true
}

/** words that start with 成 and are no 成 of tenths after a digit (三成员 is three members) */
const NOT_TENTHS = new Set('员为立本交长功果绩就效型品年人分不'.split(''))

/** 三成, 七八成, 5成: a count of tenths, when the numeral is at most ten */
function isTenths(folded: string, span: NumeralSpan): boolean {
  if (folded[span.end] !== '成' || NOT_TENTHS.has(folded[span.end + 1]) || span.numeral === null) return false
  return span.numeral.high <= 10 && !span.numeral.isOver && !/[.百千万亿]/.test(span.raw)
}

function isCountLike(folded: string, span: NumeralSpan): boolean {
  const { start, end, raw } = span
  for (let p = Math.max(0, start - LONGEST_NOT_NUMBER + 1); p < end; p++) {
    for (const word of NOT_NUMBERS.get(folded.charCodeAt(p)) ?? NONE) {
      const wordEnd = p + word.length
      // 万一 alone is a word; inside 一万一千 it is part of the number
      const insideLongerRun = p >= start && wordEnd <= end && wordEnd - p < end - start
      if (wordEnd > start && !insideLongerRun && folded.startsWith(word, p)) return false
    }
  }
  if (folded.charCodeAt(start - 1) === C_DI) return false
  if (/[0-9]/.test(raw)) return true
  // a numeral that is the whole input (二, 十, 壹) was written to be read as a number
  if (allSpaces(folded, 0, start) && allSpacesOrStops(folded, end)) return true
  if (raw.length >= 2) return raw !== '一一'
  // the classifiers are at most three characters long
  if (raw === '一') return folded.startsWith('倍', end)
  return CLASSIFIERS.some((c) => folded.startsWith(c, end)) || folded.startsWith('%', end)
}

/** Number mentions, given the numeral runs of the text. */
export function findNumbers(folded: string, spans: NumeralSpan[]): NumberMatch[] {
  const out: NumberMatch[] = []
  forEachNumber(folded, spans, (m) => out.push(m))
  return out
}

/** The number mentions one by one, in the order findNumbers lists them: a caller that converts each keeps no list of them. */
export function forEachNumber(folded: string, spans: NumeralSpan[], emit: (m: NumberMatch) => void): void {
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k]
    let { start, end } = span
    if (span.numeral === null) {
      // 1亿2亿, 十十: the mention is kept, with no value and the reason
      if (!isCountLike(folded, span)) continue
      const q = qualify(folded, start, end, 'exact')
      emit({ start: q.start, end: q.end, value: null, low: null, high: null, unit: null, qualifier: q.qualifier, refused: span.refused })
      continue
    }
    let { value, low, high } = span.numeral
    let unit: NumberMatch['unit'] = null
    const qualifier: Qualifier = span.numeral.isOver ? 'over' : value === null ? 'about' : 'exact'

    // fractions: X分之Y (百分之三十 is a percentage)
    if (folded.startsWith('分之', end)) {
      const denominator = span
      const numerator = spans[k + 1]
      const d = value
      const nv = numerator?.numeral?.value ?? null
      if (numerator && numerator.start === end + 2 && d && nv !== null) {
        const isPercent = denominator.raw === '百'
        value = isPercent ? nv : clean(nv / d)
        low = high = value
        unit = isPercent ? 'percent' : null
        end = numerator.end
        k++
      } else continue
    } else if (folded[end] === '%') {
      unit = 'percent'
      end++
    } else if (folded[end] === '倍') {
      unit = 'multiple'
      end++
    } else if (isTenths(folded, span)) {
      // 三成 = 30%, 七八成 = 70% to 80%
      unit = 'percent'
      ;[value, low, high] = [value === null ? null : clean(value * 10), clean(low * 10), clean(high * 10)]
      end++
    } else if (!isCountLike(folded, span) && !(STARTS_WITH_UNIT.test(span.raw) && span.raw.length === 1 && qualifierBefore(folded, start))) continue

    const sign = signBefore(folded, start)
    // 负一百 = -100, -5% = -5; 负增长5% is a growth of -5%; 负增长 alone has no numeral and is not a number
    const negativeGrowth = unit === 'percent' && folded.startsWith('负增长', (qualifierBefore(folded, start)?.start ?? start) - 3)
    const negate = (sign !== null || negativeGrowth) && value !== null
    if (negate && value !== null) {
      ;[value, low, high] = [-value, -high, -low]
      if (sign !== null) start = sign
    }
    const q = qualify(folded, start, end, qualifier)
    if (negate && sign === null) q.start -= 3
    const bounded = low !== high || span.numeral.isOver
    emit({ start: q.start, end: q.end, value, low: bounded ? low : null, high: bounded ? high : null, unit, qualifier: q.qualifier, refused: null })
  }
}
