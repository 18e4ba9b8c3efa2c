/**
 * Money mentions: amount, ISO 4217 currency, qualifier and bounds, from numeral runs (numbers.ts)
 * with a currency written before (US$, 人民币) or after (美元, 港币) them, ranges (8500到3万港元),
 * and figures with no currency word where the words around them speak of money (融资5亿).
 * A bare 元 takes its currency from the text (a 元 currency named before it) or the source's locale.
 */

import { CHINESE_DIGITS, clean, type NumeralValue, scaleNumeral } from './cjk-numbers.ts'
import lexicon from './currencies.json' with { type: 'json' }
import { type NumeralSpan, type Qualifier, qualifierBefore, qualify, signBefore } from './numbers.ts'

/**
 * How the currency was chosen: written next to the figure (美元, HK$); context: a bare 元 (or no
 * currency word) after a 元 currency named earlier in the text; source_default: the source's
 * currency_default or locale; default: CNY, for want of anything else.
 */
export type CurrencyRule = 'written' | 'context' | 'source_default' | 'default'
/** loss: written as a loss (亏损2亿元), not money raised or paid; conversion: converts another amount (约合人民币7亿元) */
export type AmountRole = 'loss' | 'conversion'

export interface MoneyMatch {
  start: number
  end: number
  amount: number | null
  low: number | null
  high: number | null
  currency: string
  qualifier: Qualifier
  currency_rule: CurrencyRule
  role: AmountRole | null
  /** why no amount was read from a numeral run that is not one number (1亿2亿美元), else null */
  refused: string | null
}

export interface MoneyOptions {
  /** ISO 4217: the currency of a bare 元 when the text names no 元 currency before it (else CNY) */
  currencyDefault?: string | null
}

interface CurrencyWord {
  text: string
  currency: string
  factor?: number
  bare?: boolean
}
const byLength = <T extends { text: string }>(a: T, b: T) => b.text.length - a.text.length
const SUFFIXES: CurrencyWord[] = [...lexicon.suffixes].sort(byLength)
const PREFIXES: CurrencyWord[] = [...lexicon.prefixes].sort(byLength)
const SCALE_WORDS = [...lexicon.scale_words].sort(byLength)
/** suffixes by first character and prefixes by last, longest first: each look-up tries only a few words */
const SUFFIX_BY_FIRST = groupBy(SUFFIXES, (w) => w.text.charCodeAt(0))
const PREFIX_BY_LAST = groupBy(PREFIXES, (w) => w.text.charCodeAt(w.text.length - 1))
/** what a look-up of a character that starts no word finds */
const NONE: readonly never[] = []

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>()
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item])
  return map
}
const CONTEXT_CURRENCIES = new Set(lexicon.context_currencies)
const escapeRegExp = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const alternatives = (words: string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')
/** a word that speaks of money, then words that may stand between it and the figure */
const MONEY_BEFORE = new RegExp(`(?:${alternatives(lexicon.money_before)})(?:了|为|达到|达|额为|额|是|约|共计|共|总计|高达|\\s)*$`)
const MONEY_AFTER = [...lexicon.money_after].sort((a, b) => b.length - a.length)
const LOSS = new RegExp(`(?:${alternatives(lexicon.loss_words)})(?:了|达到|达|为|额为|额达|额|金额为|金额|\\s)*$`)
const MAGNITUDE_WORDS = [...lexicon.magnitude_words].sort((a, b) => b.length - a.length)
const CONVERSION = new RegExp(`(?:${alternatives(lexicon.conversion_words.filter((w) => w !== '合'))})\\s*$`)
/** after a figure with no currency word: where an amount of money may end (punctuation, 的, the end) */
const ENDS_AMOUNT = /^(?:$|[\s,.;:!?()"'、。；：！？“”‘’「」的了])/
/** "(单位下同)", "(下同)": the currency just named governs the figures after it, whatever it is */
const SAME_BELOW = /^\s*\(?\s*(?:单位|币种|货币单位)?\s*(?:下同|以下同)/
/** the ISO 4217 currency of a locale's everyday 元, by the region or script of a BCP 47 tag */
const LOCALE_CURRENCIES: [RegExp, string][] = [
  [/-(hk)(-|$)/i, 'HKD'],
  [/-(tw)(-|$)/i, 'TWD'],
  [/-(mo)(-|$)/i, 'MOP'],
  [/-(sg)(-|$)/i, 'SGD'],
  [/-(cn)(-|$)/i, 'CNY'],
]

/** The currency a bare 元 means in a source written in `language` (BCP 47), or null when the tag names no region. */
export function currencyForLocale(language: string | null | undefined): string | null {
  for (const [pattern, currency] of LOCALE_CURRENCIES) if (language && pattern.test(language)) return currency
  return null
}

const RANGE_SEPARATORS = ['--', '到', '至', '-', '~']
const INCLUSIVE = '(含)'

function skipSpaces(folded: string, at: number, step: 1 | -1): number {
  let i = at
  while (folded.charCodeAt(step === 1 ? i : i - 1) === 32) i += step
  return i
}
const isLatinCode = (c: number) => c >= 97 && c <= 122

function prefixAt(folded: string, end: number): { word: CurrencyWord; start: number } | null {
  const at = skipSpaces(folded, end, -1)
  for (const word of PREFIX_BY_LAST.get(folded.charCodeAt(at - 1)) ?? NONE) {
    if (!folded.startsWith(word.text, at - word.text.length)) continue
    if (isLatinCode(word.text.charCodeAt(0)) && isLatinCode(folded.charCodeAt(at - word.text.length - 1))) continue
    return { word, start: at - word.text.length }
  }
  return null
}

function suffixAt(folded: string, start: number): { word: CurrencyWord; end: number } | null {
  const at = skipSpaces(folded, start, 1)
  for (const word of SUFFIX_BY_FIRST.get(folded.charCodeAt(at)) ?? NONE) {
    if (!folded.startsWith(word.text, at)) continue
    if (isLatinCode(word.text.charCodeAt(0)) && isLatinCode(folded.charCodeAt(at + word.text.length))) continue
    return { word, end: at + word.text.length }
  }
  return null
}

function scaleWordAt(folded: string, start: number): { factor: number; end: number } | null {
  const at = skipSpaces(folded, start, 1)
  for (const w of SCALE_WORDS) {
    if (folded.startsWith(w.text, at) && !isLatinCode(folded.charCodeAt(at + w.text.length))) return { factor: w.factor, end: at + w.text.length }
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
export function findMoney(folded: string, spans: NumeralSpan[], options: MoneyOptions = {}): MoneyMatch[] {
  const out: MoneyMatch[] = []
  forEachMoney(folded, spans, options, (m) => out.push(m))
  return out
}

/** The money mentions one by one, in the order findMoney lists them: a caller that converts each keeps no list of them. */
export function forEachMoney(folded: string, spans: NumeralSpan[], options: MoneyOptions, emit: (m: MoneyMatch) => void): void {
  /** the 元 currency named last (or any currency followed by 下同): what a bare 元 after it means */
  let context: string | null = null
  const sourceDefault = options.currencyDefault ?? null
  for (let k = 0; k < spans.length; k++) {
    const first = spans[k]
    const refused = first.numeral === null ? first.refused : null
    let low: NumeralValue = first.numeral ?? { value: null, low: 0, high: 0, isOver: false }
    let high: NumeralValue | null = null
    let end = first.end
    /** the last numeral run the mention takes */
    let last = k
    // 人民币约7亿元: a qualifier between the currency and the figure
    const inner = qualifierBefore(folded, first.start)
    const prefix = prefixAt(folded, first.start) ?? (inner ? prefixAt(folded, inner.start) : null)
    const innerQualifier = prefix && inner && prefix.start < inner.start ? inner.qualifier : null
    let suffix = suffixAt(folded, end)
    const scaleWord = /[0-9]$/.test(first.raw) ? scaleWordAt(folded, end) : null
    if (scaleWord && (prefix || suffixAt(folded, scaleWord.end))) {
      low = scaleNumeral(low, scaleWord.factor)
      end = scaleWord.end
      suffix = suffixAt(folded, end)
    }
    // 1000元港币, 10万元新台币: the currency written after 元
    if (suffix?.word.bare) {
      const after = suffixAt(folded, suffix.end)
      if (
        after &&
        !after.word.bare &&
        !after.word.factor &&
        /^[^a-z]/.test(after.word.text) &&
        !/[0-9零一二两三四五六七八九十百千万亿]/.test(folded[skipSpaces(folded, after.end, 1)] ?? '')
      ) {
        suffix = { word: after.word, end: after.end }
      }
    }

    // A range: the low end may repeat the currency (1万元--5万元) or leave it to the high end.
    let afterLow = suffix ? suffix.end : end
    if (folded.startsWith(INCLUSIVE, afterLow)) afterLow += INCLUSIVE.length
    const next = spans[k + 1]
    const secondStart = rangeSeparatorAt(folded, afterLow)
    if (!refused && next?.numeral && secondStart !== null && (next.start === secondStart || prefixAt(folded, next.start)?.start === secondStart)) {
      const nextSuffix = suffixAt(folded, next.end)
      if (nextSuffix || prefix || suffix) {
        high = next.numeral
        const shared = sharedScale(first.raw, next.raw)
        if (shared > 1 && low.high * shared <= high.low) low = scaleNumeral(low, shared)
        end = next.end
        suffix = nextSuffix ?? suffix
        last = k + 1
      }
    }
    let word: CurrencyWord | undefined
    if (prefix || suffix) word = suffix && !(suffix.word.bare && prefix) ? suffix.word : prefix?.word
    else if (refused || !isMoneyContext(folded, first)) continue
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
    // 五美元又十美分: the sub-unit written after the main unit
    const sub = suffix && word && !high && low.value !== null ? subUnitAfter(folded, suffix.end, spans[k + 1], word.currency) : null
    if (suffix && sub) {
      low = { ...low, value: clean((low.value as number) + sub.value), low: clean(low.low + sub.value), high: clean(low.high + sub.value) }
      suffix.end = sub.end
      last = k + 1
    }

    let qualifier: Qualifier
    let amount: number | null
    let lo: number | null = null
    let hi: number | null = null
    const figureEnd = suffix && suffix.end > end ? suffix.end : end
    // 千万元级, 亿元量级, 數千萬元級: an order of magnitude, X to ten times X (a vague amount keeps its own bounds)
    const magnitude = refused || high || low.isOver ? null : magnitudeAfter(folded, figureEnd, low)
    if (refused) {
      amount = null
      qualifier = 'exact'
    } else if (high) {
      amount = null
      lo = low.low
      hi = high.high
      qualifier = 'about'
    } else if (low.value === null || magnitude) {
      amount = null
      lo = low.value ?? low.low
      hi = low.value === null ? low.high : low.value * 10
      qualifier = 'about'
    } else {
      amount = low.value
      qualifier = low.isOver ? 'over' : 'exact'
      if (low.isOver) {
        lo = low.low
        hi = low.high
      }
    }
    const figureStart = prefix ? prefix.start : first.start
    const span = qualify(folded, figureStart, magnitude ?? figureEnd, innerQualifier ?? qualifier)
    if (magnitude && low.value !== null && (span.qualifier === 'over' || span.qualifier === 'under')) {
      // 超千万元级 reads as 超千万元: the qualifier, not the magnitude, says where the amount lies
      amount = low.value
      lo = null
      hi = null
    } else if (amount === null && lo !== null && hi !== null && (span.qualifier === 'over' || span.qualifier === 'under') && !high) {
      amount = span.qualifier === 'over' ? lo : hi
    }
    // -2亿美元: a minus sign makes the amount negative
    const sign = signBefore(folded, figureStart)
    if (sign !== null && folded[sign] === '-') {
      if (amount !== null) amount = -amount
      if (lo !== null && hi !== null) [lo, hi] = [-hi, -lo]
      if (span.start === figureStart) span.start = sign
    }

    let currency: string
    let rule: CurrencyRule
    if (word && !word.bare) {
      currency = word.currency
      rule = 'written'
      if (CONTEXT_CURRENCIES.has(currency) || SAME_BELOW.test(folded.slice(span.end, span.end + 12))) context = currency
    } else if (context) {
      currency = context
      rule = 'context'
    } else if (sourceDefault) {
      currency = sourceDefault
      rule = 'source_default'
    } else {
      currency = 'CNY'
      rule = 'default'
    }
    const before = folded.slice(Math.max(0, span.start - 6), span.start)
    const role: AmountRole | null = LOSS.test(before)
      ? 'loss'
      : CONVERSION.test(folded.slice(Math.max(0, figureStart - 5), figureStart)) ||
          CONVERSION.test(before) ||
          (prefix !== null && folded[skipSpaces(folded, prefix.start, -1) - 1] === '合')
        ? 'conversion'
        : null
    emit({
      start: span.start,
      end: span.end,
      amount,
      low: lo === null ? null : clean(lo),
      high: hi === null ? null : clean(hi),
      currency,
      qualifier: span.qualifier,
      currency_rule: rule,
      role,
      refused,
    })
    k = last
  }
}

/**
 * A figure with 万 or 亿 and no currency word is money when a word before it speaks of money
 * (融资5亿左右, 估值80亿) or one after it does (获2000万投资), and nothing after it names what is counted
 * (融资5亿用户 is not money; 321,654,987股 and 5120万3388股 are shares).
 */
function isMoneyContext(folded: string, span: NumeralSpan): boolean {
  if (!/[万亿]/.test(span.raw) || span.numeral === null) return false
  const q = qualify(folded, signBefore(folded, span.start) ?? span.start, span.end, 'exact')
  const after = skipSpaces(folded, q.end, 1)
  if (MONEY_AFTER.some((w) => folded.startsWith(w, after))) return true
  if (!ENDS_AMOUNT.test(folded.slice(q.end, q.end + 1))) return false
  return MONEY_BEFORE.test(folded.slice(Math.max(0, q.start - 8), q.start))
}

/**
 * Where a magnitude word (级, 量级, 级别) written after the figure ends, or null: only after a vague amount
 * (数千万元级) or a power of ten (千万元级, 一亿美元量级); 2亿元级 is no order of magnitude and keeps its point.
 */
function magnitudeAfter(folded: string, at: number, figure: NumeralValue): number | null {
  if (figure.value !== null && !isPowerOfTen(figure.value)) return null
  const i = skipSpaces(folded, at, 1)
  const word = MAGNITUDE_WORDS.find((w) => folded.startsWith(w, i))
  return word ? i + word.length : null
}

function isPowerOfTen(value: number): boolean {
  const exponent = Math.round(Math.log10(value))
  return value > 0 && 10 ** exponent === value
}

/** 又十美分 after 五美元: the next numeral, in a sub-unit of the same currency, right after 又, 零 or nothing. */
function subUnitAfter(folded: string, at: number, next: NumeralSpan | undefined, currency: string): { value: number; end: number } | null {
  if (!next?.numeral || next.numeral.value === null) return null
  let i = skipSpaces(folded, at, 1)
  if (folded[i] === '又' || folded[i] === '零') i = skipSpaces(folded, i + 1, 1)
  if (next.start !== i) return null
  const unit = suffixAt(folded, next.end)
  if (!unit || unit.word.currency !== currency || !unit.word.factor || unit.word.factor >= 1) return null
  return { value: clean(next.numeral.value * unit.word.factor), end: unit.end }
}
