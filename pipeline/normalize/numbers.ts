/**
 * Number mentions: counts, amounts without a currency, percentages (30%, 百分之三十),
 * multiples (十倍) and fractions (三分之一), found in folded text (text.ts).
 */

import { CHINESE_DIGITS, clean, type NumeralValue, parseNumeral } from './cjk-numbers.ts'
import lexicon from './number-words.json' with { type: 'json' }

export type Qualifier = 'exact' | 'about' | 'over' | 'under'

export interface NumeralSpan {
  start: number
  end: number
  raw: string
  numeral: NumeralValue
}

export interface NumberMatch {
  start: number
  end: number
  value: number | null
  low: number | null
  high: number | null
  unit: 'percent' | 'multiple' | null
  qualifier: Qualifier
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
const NUMERAL_START = /[0-9零一二两三四五六七八九十百千万亿廿卅几数]/g

/**
 * Finds maximal numeral runs. Separators are taken only where they are part of a number:
 * "," before exactly three digits, "." between digits, 点 between Chinese digits.
 */
export function scanNumerals(folded: string): NumeralSpan[] {
  const spans: NumeralSpan[] = []
  const n = folded.length
  let i = 0
  while (i < n) {
    NUMERAL_START.lastIndex = i
    if (!NUMERAL_START.exec(folded)) break
    i = NUMERAL_START.lastIndex - 1
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
    while (j < n) {
      const d = folded[j]
      const prev = folded[j - 1]
      const next = folded[j + 1]
      if (CLASS[folded.charCodeAt(j)] !== 0 || d === '廿' || d === '卅') j++
      else if (d === ',' && isArabic(prev) && isArabic(next) && isArabic(folded[j + 2]) && isArabic(folded[j + 3]) && !isArabic(folded[j + 4])) j++
      else if (d === '.' && isArabic(prev) && isArabic(next)) j++
      else if (d === ' ' && isArabic(prev) && (next === '万' || next === '亿')) j++
      else if (d === '点' && isChineseDigit(prev) && isChineseDigit(next)) j++
      else if ((d === 'k' || d === 'w') && isArabic(prev) && !isLatin(next)) j++
      else if ((d === '多' || d === '余') && (isArabic(prev) || isChineseDigit(prev) || isUnit(prev)) && d !== next) j++
      else if (d === '几' && (prev === '十' || prev === '百' || prev === '千')) j++
      else if (d === '个' && (isChineseDigit(prev) || isArabic(prev)) && (next === '亿' || next === '万')) j++
      else break
    }
    const raw = folded.slice(i, j)
    const numeral = parseNumeral(raw)
    if (numeral) spans.push({ start: i, end: j, raw, numeral })
    i = j
  }
  return spans
}

const PRE_QUALIFIERS = lexicon.pre_qualifiers.map((w) => [w.text, w.qualifier as Qualifier] as const)
const POST_QUALIFIERS = lexicon.post_qualifiers.map((w) => [w.text, w.qualifier as Qualifier] as const)

/** The qualifier written just before `at` (约, 超过, 近 ...), and where it starts. */
export function qualifierBefore(folded: string, at: number): { qualifier: Qualifier; start: number } | null {
  for (const [word, q] of PRE_QUALIFIERS) {
    if (folded.startsWith(word, at - word.length)) return { qualifier: q, start: at - word.length }
  }
  return null
}

/** The qualifier written just after `at` (左右, 以上 ...), and where it ends. */
export function qualifierAfter(folded: string, at: number): { qualifier: Qualifier; end: number } | null {
  for (const [word, q] of POST_QUALIFIERS) {
    if (folded.startsWith(word, at)) return { qualifier: q, end: at + word.length }
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
    let { value, low, high } = span.numeral
    let unit: NumberMatch['unit'] = null
    const qualifier: Qualifier = span.numeral.isOver ? 'over' : value === null ? 'about' : 'exact'

    // fractions: X分之Y (百分之三十 is a percentage)
    if (folded.startsWith('分之', end)) {
      const denominator = span
      const numerator = spans[k + 1]
      if (numerator && numerator.start === end + 2 && denominator.numeral.value && numerator.numeral.value !== null) {
        const isPercent = denominator.raw === '百'
        value = isPercent ? numerator.numeral.value : clean(numerator.numeral.value / denominator.numeral.value)
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
    } else if (!isCountLike(folded, span)) continue

    if (folded[start - 1] === '负' && value !== null) {
      // 负一百 = -100; 负增长 has no numeral after 负 and is not a number
      ;[value, low, high] = [-value, -high, -low]
      start--
    }
    const q = qualify(folded, start, end, qualifier)
    const bounded = low !== high || span.numeral.isOver
    out.push({ start: q.start, end: q.end, value, low: bounded ? low : null, high: bounded ? high : null, unit, qualifier: q.qualifier })
  }
  return out
}
