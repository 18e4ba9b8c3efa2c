/**
 * Chinese and Arabic numerals: finding numeral runs in folded text (see text.ts) and reading
 * them as numbers, with bounds for vague ones (几十, 数十亿, 3000多, 两三).
 */

export interface NumeralValue {
  /** the value when the numeral names one number, else null (几十万, 两三) */
  value: number | null
  /** inclusive bounds; equal to value when exact */
  low: number
  high: number
  /** the numeral had 多/余 after it: the value is more than `low` */
  isOver: boolean
}

/** A run of numeral characters that no reading makes one number (1亿2亿, 亿亿, 十十): why it was refused. */
export interface Refusal {
  refused: string
}

export const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const SMALL_NAMES: Record<number, string> = { 10: '十', 100: '百', 1000: '千' }
const unitName = (v: number) => ({ 1e3: 'k', 1e4: '万', 1e8: '亿', 1e12: '万亿' })[v] ?? String(v)
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8, w: 1e4, k: 1e3 }
const PLACEHOLDERS = new Set(['几', '数'])
const MORE = new Set(['多', '余'])

type Token =
  | { t: 'num'; v: number; singleDigit: boolean }
  | { t: 'zero' }
  | { t: 'small'; v: number; ch: string }
  | { t: 'big'; v: number; ch: string }
  | { t: 'placeholder' }
  | { t: 'more' }
  | { t: 'tens'; v: number }

/** Removes floating-point noise (4.78 * 1e4 = 47800.000000000004). */
export function clean(n: number): number {
  if (Number.isSafeInteger(n)) return n
  return Number(n.toPrecision(15))
}

function tokenize(s: string): Token[] | null {
  const tokens: Token[] = []
  let i = 0
  while (i < s.length) {
    const ch = s[i]
    if (ch >= '0' && ch <= '9') {
      let j = i
      while (j < s.length && /[0-9,.]/.test(s[j])) j++
      const literal = s.slice(i, j).replace(/,/g, '')
      if (!/^[0-9]+(\.[0-9]+)?$/.test(literal)) return null
      tokens.push({ t: 'num', v: Number(literal), singleDigit: literal.length === 1 })
      i = j
      continue
    }
    if (ch in CHINESE_DIGITS) {
      // Chinese decimals: 三点五
      if (s[i + 1] === '点' && s[i + 2] in CHINESE_DIGITS) {
        let j = i + 2
        let frac = ''
        while (j < s.length && s[j] in CHINESE_DIGITS) frac += CHINESE_DIGITS[s[j++]]
        tokens.push({ t: 'num', v: Number(`${CHINESE_DIGITS[ch]}.${frac}`), singleDigit: false })
        i = j
        continue
      }
      if (ch === '零') tokens.push({ t: 'zero' })
      else tokens.push({ t: 'num', v: CHINESE_DIGITS[ch], singleDigit: true })
      i++
      continue
    }
    if (ch === '廿' || ch === '卅') {
      tokens.push({ t: 'tens', v: ch === '廿' ? 20 : 30 })
      i++
      continue
    }
    // a decimal after a unit: 一百点五 = 100.5
    if (ch === '点' && tokens[tokens.length - 1]?.t === 'small' && s[i + 1] in CHINESE_DIGITS) {
      let j = i + 1
      let frac = ''
      while (j < s.length && s[j] in CHINESE_DIGITS) frac += CHINESE_DIGITS[s[j++]]
      tokens.push({ t: 'num', v: Number(`0.${frac}`), singleDigit: false })
      i = j
      continue
    }
    if (ch in SMALL_UNITS) tokens.push({ t: 'small', v: SMALL_UNITS[ch], ch })
    else if (ch in BIG_UNITS) tokens.push({ t: 'big', v: BIG_UNITS[ch], ch })
    else if (PLACEHOLDERS.has(ch)) tokens.push({ t: 'placeholder' })
    else if (MORE.has(ch)) tokens.push({ t: 'more' })
    else if (ch === '个') {
      // 两个亿: the measure word between a digit and 亿/万 is dropped
    } else return null
    i++
  }
  return tokens
}

/** Place value of the lowest non-zero digit: 3000 -> 1000, 1.5e8 -> 1e7, 123 -> 1. */
export function lowestPlace(n: number): number {
  if (n === 0) return 1
  let place = 10 ** Math.floor(Math.log10(Math.abs(n)))
  for (let k = 0; k < 30 && clean(n / place) !== Math.round(n / place); k++) place /= 10
  return clean(place)
}

function evaluate(tokens: Token[], bound: 'low' | 'high'): number | Refusal | null {
  let total = 0
  /** the smallest big unit the total is counted in (1e4 after 3万, 1e12 after 3千万亿), 0 before any */
  let totalUnit = 0
  /** the last small unit of the current section (千 before 百 before 十), 0 at a section's start */
  let lastSmall = 0
  let lastBig: Token | null = null
  let section = 0
  let current: number | null = null
  let currentSingle = false
  let currentFromPlaceholder = false
  let lastMult = 1
  let lastWasBig = false
  let zeroSeen = false
  let prev: Token | null = null
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]
    switch (tok.t) {
      case 'num': {
        if (current !== null && !currentSingle) return null
        if (current !== null && prev?.t === 'num') {
          // two adjacent digits: 两三 / 七八 are ranges, anything else is malformed here
          if (!(tok.singleDigit && tok.v === current + 1)) return null
          if (bound === 'high') current = tok.v
        } else {
          current = tok.v
          currentSingle = tok.singleDigit
        }
        currentFromPlaceholder = false
        break
      }
      case 'tens':
        section += tok.v
        lastMult = 10
        break
      case 'zero':
        if (current !== null) return null
        if (k === 0 && tokens.length > 1) return { refused: '零 before the first digit' }
        if (prev?.t === 'zero') return { refused: '零 twice' }
        if (prev?.t === 'small' && prev.v === 10) return { refused: '零 after 十, which leaves no place to skip' }
        zeroSeen = true
        break
      case 'placeholder':
        current = bound === 'low' ? 1 : 10
        currentSingle = true
        currentFromPlaceholder = true
        break
      case 'small':
        if (lastSmall !== 0 && tok.v >= lastSmall) return { refused: `${tok.ch} after ${SMALL_NAMES[lastSmall]} in one section` }
        // 十五 and 千五 leave out the 一; 千百, 万千 and 零十 name no number
        if (prev?.t === 'zero') return { refused: `${tok.ch} right after 零` }
        if (current === null && k > 0) return { refused: `${tok.ch} with no digit before it` }
        // 一千零一十, not 一千一十: a place left out is written 零
        if (lastSmall !== 0 && tok.v < lastSmall / 10 && !zeroSeen)
          return { refused: `${SMALL_NAMES[lastSmall]} then ${tok.ch} with no 零 for the place between` }
        if (lastSmall !== 0 && tok.v >= lastSmall / 10 && zeroSeen)
          return { refused: `零 between ${SMALL_NAMES[lastSmall]} and ${tok.ch}, where no place is left out` }
        lastSmall = tok.v
        section += (current ?? 1) * tok.v
        current = null
        lastMult = tok.v
        lastWasBig = false
        zeroSeen = false
        currentFromPlaceholder = false
        break
      case 'big': {
        if (prev?.t === 'zero') return { refused: `${tok.ch} right after 零` }
        const s = section + (current ?? 0)
        if (s === 0 && lastWasBig) {
          // 万亿 = 1e12; 亿亿 and 亿万 name no number here
          if (lastBig?.t === 'big' && tok.v <= lastBig.v) return { refused: `${tok.ch} right after ${lastBig.ch}` }
          if (total >= tok.v) return { refused: `${tok.ch} after a figure already counted in ${unitName(totalUnit)}` }
          total *= tok.v
          totalUnit *= tok.v
        } else if (total > 0 && total < tok.v) {
          // 五万三千亿 = 5.3e12; 2万3亿 names no number
          if (s !== 0 && lastSmall === 0) return { refused: `${tok.ch} after a bare digit that follows ${lastBig?.t === 'big' ? lastBig.ch : 'a unit'}` }
          total = (total + s) * tok.v
          totalUnit = tok.v
        } else {
          // 1亿2亿: a second 亿 after a figure already counted in 亿
          if (totalUnit !== 0 && tok.v >= totalUnit) return { refused: `${tok.ch} after a figure already counted in ${unitName(totalUnit)}` }
          total += (s === 0 ? 1 : s) * tok.v
          totalUnit = tok.v
        }
        lastBig = tok
        lastSmall = 0
        section = 0
        current = null
        lastMult = tok.v
        lastWasBig = true
        zeroSeen = false
        currentFromPlaceholder = false
        break
      }
      case 'more': {
        const pending = section + (current ?? 0)
        if (bound === 'high') {
          if (pending === 0) total += lowestPlace(total)
          else section = pending + lowestPlace(pending)
        } else section = pending
        if (pending !== 0) current = null
        break
      }
    }
    prev = tok
  }
  if (prev?.t === 'zero' && tokens.length > 1) return { refused: '零 with no digit after it' }
  if (current !== null && currentFromPlaceholder) {
    // 十几: the unknown last digit runs from 0 up to the next ten
    current = bound === 'low' ? 0 : 10
  } else if (current !== null && currentSingle && prev?.t === 'num' && tokens.length >= 2) {
    // 三万五 = 35000, 一千二 = 1200, and with the 一 left out: 千五 = 1500, 百八 = 180, 万八 = 18000
    const before = tokens[tokens.length - 2]
    if ((before.t === 'small' || before.t === 'big') && !zeroSeen && lastMult >= 100) {
      current *= lastMult / 10
    }
  }
  return clean(total + section + (current ?? 0))
}

/** Reads a numeral run (folded text) or returns null when it is not a well-formed numeral. */
export function parseNumeral(raw: string): NumeralValue | null {
  const n = readNumeral(raw)
  return n === null || 'refused' in n ? null : n
}

/**
 * Reads a numeral run (folded text): its value; a refusal, with the reason, when the characters are
 * numerals but no reading makes them one number (1亿2亿, 亿亿, 十十); null when it is not a numeral at all.
 */
export function readNumeral(raw: string): NumeralValue | Refusal | null {
  const s = raw.replace(/\s+/g, '')
  if (s === '') return null
  // A string of plain digits with no units (二零二三, 一七二零点一) reads digit by digit.
  if (/^[零一二三四五六七八九]{2,}(点[零一二三四五六七八九]+)?$/.test(s) && !isAdjacentRange(s)) {
    const v = Number([...s].map((c) => (c === '点' ? '.' : CHINESE_DIGITS[c])).join(''))
    return { value: v, low: v, high: v, isOver: false }
  }
  const tokens = tokenize(s)
  if (!tokens || tokens.length === 0) return null
  if (!tokens.some((t) => t.t === 'num' || t.t === 'small' || t.t === 'big' || t.t === 'tens' || t.t === 'zero')) return null
  if (tokens[0].t === 'more') return null
  const low = evaluate(tokens, 'low')
  const high = evaluate(tokens, 'high')
  if (low === null || high === null) return null
  if (typeof low !== 'number') return { refused: `malformed numeral "${raw}": ${low.refused}` }
  if (typeof high !== 'number') return { refused: `malformed numeral "${raw}": ${high.refused}` }
  const isOver = tokens.some((t) => t.t === 'more')
  return { value: low === high || isOver ? low : null, low, high, isOver }
}

function isAdjacentRange(s: string): boolean {
  if (s.length !== 2) return false
  const a = CHINESE_DIGITS[s[0]]
  const b = CHINESE_DIGITS[s[1]]
  return a > 0 && b === a + 1
}

/** Multiplies a parsed numeral by a power-of-ten scale, keeping bounds and exactness. */
export function scaleNumeral(n: NumeralValue, factor: number): NumeralValue {
  return {
    value: n.value === null ? null : clean(n.value * factor),
    low: clean(n.low * factor),
    high: clean(n.high * factor),
    isOver: n.isOver,
  }
}
