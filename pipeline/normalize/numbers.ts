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
const NOT_NUMBERS = new Map<string, string[]>()
for (const word of lexicon.not_numbers) NOT_NUMBERS.set(word[0], [...(NOT_NUMBERS.get(word[0]) ?? []), word])
const LONGEST_NOT_NUMBER = Math.max(...lexicon.not_numbers.map((w) => w.length))

const ARABIC = 1
const CHINESE_DIGIT = 2
const UNIT = 4
/** Character classes by UTF-16 code: one table look-up per character on the hot path. */
const CLASS = new Uint8Array(65536)
for (let c = 48; c <= 57; c++) CLASS[c] = ARABIC
for (const ch of Object.keys(CHINESE_DIGITS)) CLASS[ch.charCodeAt(0)] = CHINESE_DIGIT
for (const ch of '十百千万亿') CLASS[ch.charCodeAt(0)] = UNIT
const classOf = (c: string | undefined) => (c === undefined ? 0 : CLASS[c.charCodeAt(0)])
const isArabic = (c: string | undefined) => classOf(c) === ARABIC
const isChineseDigit = (c: string | undefined) => classOf(c) === CHINESE_DIGIT
const isUnit = (c: string | undefined) => classOf(c) === UNIT
const isLatin = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z'
const isSmallUnit = (c: string | undefined) => c === '十' || c === '百' || c === '千'
const isSpacedUnit = (c: string | undefined) => c === '万' || c === '亿' || c === '千' || c === '百'
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
    const c = folded[i]
    if (isArabic(c) && (isLatin(folded[i - 1]) || isArabic(folded[i - 1]))) {
      i++
      continue
    }
    if ((c === '几' || c === '数') && !isUnit(folded[i + 1])) {
      i++
      continue
    }
    let j = i + 1
    /** a space was taken between a digit and a unit (3 亿): then a space after a unit is part of the number too (3 亿 105 万) */
    let spaced = false
    while (j < n) {
      const d = folded[j]
      const prev = folded[j - 1]
      const next = folded[j + 1]
      if (CLASS[folded.charCodeAt(j)] !== 0 || d === '廿' || d === '卅') j++
      else if (d === ',' && isArabic(prev) && isArabic(next) && isArabic(folded[j + 2]) && isArabic(folded[j + 3]) && !isArabic(folded[j + 4])) j++
      else if (d === '.' && isArabic(prev) && isArabic(next)) j++
      else if (d === ' ' && isArabic(prev) && isSpacedUnit(next)) {
        spaced = true
        j++
      } else if (d === ' ' && spaced && (prev === '万' || prev === '亿' || prev === '千') && isArabic(next)) j++
      else if (d === '点' && isChineseDigit(prev) && isChineseDigit(next)) j++
      else if (d === '点' && isSmallUnit(prev) && isChineseDigit(next) && !isSmallUnit(afterDigits(folded, j + 1))) j++
      else if ((d === 'k' || d === 'w') && isArabic(prev) && !isLatin(next)) j++
      else if ((d === '多' || d === '余') && (isArabic(prev) || isChineseDigit(prev) || isUnit(prev)) && d !== next) j++
      else if (d === '几' && (prev === '十' || prev === '百' || prev === '千')) j++
      else if (d === '个' && (isChineseDigit(prev) || isArabic(prev)) && (next === '亿' || next === '万')) j++
      else break
    }
    // a space is never the last character of a run
    while (folded[j - 1] === ' ') j--
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

/** the character after the Chinese digits that start at `at` */
function afterDigits(folded: string, at: number): string | undefined {
  let i = at
  while (isChineseDigit(folded[i])) i++
  return folded[i]
}

interface QualifierWord {
  text: string
  qualifier: Qualifier
  before_unit?: boolean
}
/** longest first, so that 不少于 (over) wins over 少于 (under) */
const byLength = (a: QualifierWord, b: QualifierWord) => b.text.length - a.text.length
/** by last character (words before a figure) and first character (after), longest first: a look-up tries only a few */
const PRE_QUALIFIERS = groupBy([...(lexicon.pre_qualifiers as QualifierWord[])].sort(byLength), (w) => w.text[w.text.length - 1])
const POST_QUALIFIERS = groupBy([...(lexicon.post_qualifiers as QualifierWord[])].sort(byLength), (w) => w.text[0])
function groupBy(words: QualifierWord[], key: (w: QualifierWord) => string): Map<string, QualifierWord[]> {
  const map = new Map<string, QualifierWord[]>()
  for (const w of words) map.set(key(w), [...(map.get(key(w)) ?? []), w])
  return map
}
const STARTS_WITH_UNIT = /[百千万亿]/

/** The qualifier written just before `at` (约, 超过, 近 ...; spaces between allowed), and where it starts. */
export function qualifierBefore(folded: string, at: number): { qualifier: Qualifier; start: number } | null {
  let end = at
  while (folded[end - 1] === ' ') end--
  for (const w of PRE_QUALIFIERS.get(folded[end - 1]) ?? []) {
    if (w.before_unit && !STARTS_WITH_UNIT.test(folded[at] ?? '')) continue
    if (folded.startsWith(w.text, end - w.text.length)) return { qualifier: w.qualifier, start: end - w.text.length }
  }
  return null
}

/** The qualifier written just after `at` (左右, 以上 ...; spaces between allowed), and where it ends. */
export function qualifierAfter(folded: string, at: number): { qualifier: Qualifier; end: number } | null {
  let start = at
  while (folded[start] === ' ') start++
  for (const w of POST_QUALIFIERS.get(folded[start]) ?? []) {
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
  const c = folded[start - 1]
  if (c === '负') return start - 1
  if (c !== '-') return null
  const before = folded[start - 2]
  return before === undefined || !/[0-9a-z零一二两三四五六七八九十百千万亿元币$¥￥€£%)~-]/.test(before) ? start - 1 : null
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
    for (const word of NOT_NUMBERS.get(folded[p]) ?? []) {
      const wordEnd = p + word.length
      // 万一 alone is a word; inside 一万一千 it is part of the number
      const insideLongerRun = p >= start && wordEnd <= end && wordEnd - p < end - start
      if (wordEnd > start && !insideLongerRun && folded.startsWith(word, p)) return false
    }
  }
  if (folded[start - 1] === '第') return false
  if (/[0-9]/.test(raw)) return true
  // a numeral that is the whole input (二, 十, 壹) was written to be read as a number
  if (folded.slice(0, start).trim() === '' && /^[\s。.!！?？]*$/.test(folded.slice(end))) return true
  if (raw.length >= 2) return raw !== '一一'
  const after = folded.slice(end, end + 3)
  if (raw === '一') return after.startsWith('倍')
  return CLASSIFIERS.some((c) => after.startsWith(c)) || after.startsWith('%')
}

/** Number mentions, given the numeral runs of the text. */
export function findNumbers(folded: string, spans: NumeralSpan[]): NumberMatch[] {
  const out: NumberMatch[] = []
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k]
    let { start, end } = span
    if (span.numeral === null) {
      // 1亿2亿, 十十: the mention is kept, with no value and the reason
      if (!isCountLike(folded, span)) continue
      const q = qualify(folded, start, end, 'exact')
      out.push({ start: q.start, end: q.end, value: null, low: null, high: null, unit: null, qualifier: q.qualifier, refused: span.refused })
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
    out.push({ start: q.start, end: q.end, value, low: bounded ? low : null, high: bounded ? high : null, unit, qualifier: q.qualifier, refused: null })
  }
  return out
}
