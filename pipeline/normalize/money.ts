/**
 * Money mentions: amount, ISO 4217 currency, qualifier and bounds, from numeral runs (numbers.ts)
 * with a currency written before (US$, 人民币) or after (美元, 港币) them, and ranges (8500到3万港元).
 */

import { CHINESE_DIGITS, clean, type NumeralValue, scaleNumeral } from './cjk-numbers.ts'
import lexicon from './currencies.json' with { type: 'json' }
import { type NumeralSpan, type Qualifier, qualify } from './numbers.ts'

export interface MoneyMatch {
  start: number
  end: number
  amount: number | null
  low: number | null
  high: number | null
  currency: string
  qualifier: Qualifier
}

interface CurrencyWord {
  text: string
  currency: string
  factor?: number
}
const byLength = <T extends { text: string }>(a: T, b: T) => b.text.length - a.text.length
const SUFFIXES: CurrencyWord[] = [...lexicon.suffixes].sort(byLength)
const PREFIXES: CurrencyWord[] = [...lexicon.prefixes].sort(byLength)
const SCALE_WORDS = [...lexicon.scale_words].sort(byLength)
/** suffixes by first character and prefixes by last, longest first: each look-up tries only a few words */
const SUFFIX_BY_FIRST = groupBy(SUFFIXES, (w) => w.text[0])
const PREFIX_BY_LAST = groupBy(PREFIXES, (w) => w.text[w.text.length - 1])

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item])
  return map
}
const RANGE_SEPARATORS = ['--', '到', '至', '-', '~']
const INCLUSIVE = '(含)'

function skipSpaces(folded: string, at: number, step: 1 | -1): number {
  let i = at
  while (folded[step === 1 ? i : i - 1] === ' ') i += step
  return i
}

function prefixAt(folded: string, end: number): { word: CurrencyWord; start: number } | null {
  const at = skipSpaces(folded, end, -1)
  for (const word of PREFIX_BY_LAST.get(folded[at - 1]) ?? []) {
    if (!folded.startsWith(word.text, at - word.text.length)) continue
    const before = folded[at - word.text.length - 1]
    if (/[a-z]/.test(word.text[0]) && before !== undefined && /[a-z]/.test(before)) continue
    return { word, start: at - word.text.length }
  }
  return null
}

function suffixAt(folded: string, start: number): { word: CurrencyWord; end: number } | null {
  const at = skipSpaces(folded, start, 1)
  for (const word of SUFFIX_BY_FIRST.get(folded[at]) ?? []) {
    if (!folded.startsWith(word.text, at)) continue
    const after = folded[at + word.text.length]
    if (/[a-z]/.test(word.text[0]) && after !== undefined && /[a-z]/.test(after)) continue
    return { word, end: at + word.text.length }
  }
  return null
}

function scaleWordAt(folded: string, start: number): { factor: number; end: number } | null {
  const at = skipSpaces(folded, start, 1)
  for (const w of SCALE_WORDS) {
    const after = folded[at + w.text.length]
    if (folded.startsWith(w.text, at) && !(after !== undefined && /[a-z]/.test(after))) return { factor: w.factor, end: at + w.text.length }
  }
  return null
}

/**
 * The multipliers a numeral ends with: 3万 -> big 1e4; 3百 -> small 100; 三十 -> none (十 is part of the number).
 * A range's low end without one shares the high end's (两到三万 = 2万 to 3万).
 */
function trailingScale(raw: string): { big: number; small: number } {
  let big = 1
  let i = raw.length - 1
  while (i >= 0 && '万亿kw'.includes(raw[i])) {
    big *= { 万: 1e4, 亿: 1e8, k: 1e3, w: 1e4 }[raw[i]] as number
    i--
  }
  const small = i >= 1 && '百千'.includes(raw[i]) && /[0-9一二两三四五六七八九]/.test(raw[i - 1]) ? (raw[i] === '百' ? 100 : 1000) : 1
  return { big, small }
}

function sharedScale(lowRaw: string, highRaw: string): number {
  const low = trailingScale(lowRaw)
  const high = trailingScale(highRaw)
  if (low.big !== 1) return 1
  if (high.big !== 1) return high.big
  return low.small === 1 ? high.small : 1
}

const CHANGE = /([0-9零一二两三四五六七八九])[角毛](?:([0-9零一二两三四五六七八九])分)?|([0-9零一二两三四五六七八九])分/y
/** 3块5, 十块五: a lone digit after 块 is tenths */
const LONE_TENTHS = /([0-9一二两三四五六七八九])(?![0-9零一二两三四五六七八九十百千万亿角毛分.])/y
const digit = (c: string) => (/[0-9]/.test(c) ? Number(c) : (CHINESE_DIGITS[c] ?? 0))

/** Tenths (角, 毛) and hundredths (分) written after the main unit, then 钱 or 整 if present. */
function smallChange(folded: string, at: number, afterKuai: boolean): { value: number; end: number } | null {
  CHANGE.lastIndex = at
  LONE_TENTHS.lastIndex = at
  const m = CHANGE.exec(folded)
  const lone = !m && afterKuai ? LONE_TENTHS.exec(folded) : null
  let end = at
  let value = 0
  if (m) {
    value = m[3] !== undefined ? digit(m[3]) / 100 : digit(m[1]) / 10 + (m[2] ? digit(m[2]) / 100 : 0)
    end = at + m[0].length
  } else if (lone) {
    value = digit(lone[1]) / 10
    end = at + 1
  }
  if (folded[end] === '钱' || folded[end] === '整') end++
  return end === at ? null : { value: clean(value), end }
}

function rangeSeparatorAt(folded: string, at: number): number | null {
  const i = skipSpaces(folded, at, 1)
  for (const sep of RANGE_SEPARATORS) if (folded.startsWith(sep, i)) return skipSpaces(folded, i + sep.length, 1)
  return null
}

/** Money mentions among the numeral runs of a folded text. */
export function findMoney(folded: string, spans: NumeralSpan[]): MoneyMatch[] {
  const out: MoneyMatch[] = []
  for (let k = 0; k < spans.length; k++) {
    const first = spans[k]
    let low: NumeralValue = first.numeral
    let high: NumeralValue | null = null
    let end = first.end
    const used = [k]
    const prefix = prefixAt(folded, first.start)
    let suffix = suffixAt(folded, end)
    const scaleWord = prefix && /[0-9]$/.test(first.raw) ? scaleWordAt(folded, end) : null
    if (scaleWord) {
      low = scaleNumeral(low, scaleWord.factor)
      end = scaleWord.end
      suffix = suffixAt(folded, end)
    }

    // A range: the low end may repeat the currency (1万元--5万元) or leave it to the high end.
    let afterLow = suffix ? suffix.end : end
    if (folded.startsWith(INCLUSIVE, afterLow)) afterLow += INCLUSIVE.length
    const next = spans[k + 1]
    const secondStart = rangeSeparatorAt(folded, afterLow)
    if (next && secondStart !== null && (next.start === secondStart || prefixAt(folded, next.start)?.start === secondStart)) {
      const nextSuffix = suffixAt(folded, next.end)
      if (nextSuffix || prefix || suffix) {
        high = next.numeral
        const shared = sharedScale(first.raw, next.raw)
        if (shared > 1 && low.high * shared <= high.low) low = scaleNumeral(low, shared)
        end = next.end
        suffix = nextSuffix ?? suffix
        used.push(k + 1)
      }
    }
    if (!prefix && !suffix) continue
    const word = suffix && !(suffix.word.currency === 'CNY' && prefix && suffix.word.text !== '人民币') ? suffix.word : prefix?.word
    if (!word) continue
    const factor = suffix?.word.factor ?? 1
    if (factor !== 1) {
      low = scaleNumeral(low, factor)
      if (high) high = scaleNumeral(high, factor)
    }
    // 一百三十五块六角七分钱, 十块三毛, 肆佰叁拾萬圆整: tenths and hundredths after 元 or 块, and the closing 整
    const change =
      suffix && !high && low.value !== null && /^(元|块)/.test(suffix.word.text) ? smallChange(folded, suffix.end, suffix.word.text === '块') : null
    if (suffix && change) {
      low = { ...low, value: clean((low.value as number) + change.value), low: clean(low.low + change.value), high: clean(low.high + change.value) }
      suffix.end = change.end
    }

    let qualifier: Qualifier
    let amount: number | null
    let lo: number | null = null
    let hi: number | null = null
    if (high) {
      amount = null
      lo = low.low
      hi = high.high
      qualifier = 'about'
    } else if (low.value === null) {
      amount = null
      lo = low.low
      hi = low.high
      qualifier = 'about'
    } else {
      amount = low.value
      qualifier = low.isOver ? 'over' : 'exact'
      if (low.isOver) {
        lo = low.low
        hi = low.high
      }
    }
    const span = qualify(folded, prefix ? prefix.start : first.start, suffix && suffix.end > end ? suffix.end : end, qualifier)
    if (amount === null && lo !== null && hi !== null && (span.qualifier === 'over' || span.qualifier === 'under') && !high) {
      amount = span.qualifier === 'over' ? lo : hi
    }
    out.push({
      start: span.start,
      end: span.end,
      amount,
      low: lo === null ? null : clean(lo),
      high: hi === null ? null : clean(hi),
      currency: word.currency,
      qualifier: span.qualifier,
    })
    k = used[used.length - 1]
  }
  return out
}
