import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lowestPlace, parseNumeral, readNumeral } from '../../pipeline/normalize/cjk-numbers.ts'
import { scanNumerals } from '../../pipeline/normalize/numbers.ts'
import { foldText } from '../../pipeline/normalize/text.ts'

const exact: [string, number][] = [
  ['0', 0],
  ['7', 7],
  ['42', 42],
  ['2015', 2015],
  ['1,000', 1000],
  ['1,234,567', 1234567],
  ['3.14', 3.14],
  ['０１２３', 123],
  ['１,０００', 1000],
  ['1.5亿', 150000000],
  ['16.4亿', 1640000000],
  ['4.78万亿', 4780000000000],
  ['1万600', 10600],
  ['3万', 30000],
  ['2.5万', 25000],
  ['10亿', 1000000000],
  ['300亿', 30000000000],
  ['1亿', 100000000],
  ['一', 1],
  ['二', 2],
  ['两', 2],
  ['十', 10],
  ['十一', 11],
  ['二十', 20],
  ['二十五', 25],
  ['九十九', 99],
  ['一百', 100],
  ['一百零五', 105],
  ['一百一十', 110],
  ['三百', 300],
  ['一千', 1000],
  ['一千零一', 1001],
  ['九千九百九十九', 9999],
  ['一万', 10000],
  ['十万', 100000],
  ['一百万', 1000000],
  ['一千万', 10000000],
  ['一亿', 100000000],
  ['十亿', 1000000000],
  ['一亿二千万', 120000000],
  ['三千万亿', 3000000000000000],
  ['3千万亿', 3000000000000000],
  ['六十四万零一百四十三', 640143],
  ['十二万三千四百五十六', 123456],
  ['一万零五百', 10500],
  ['两千', 2000],
  ['两万', 20000],
  ['两个亿', 200000000],
  ['三万五', 35000],
  ['一千二', 1200],
  ['两百五', 250],
  ['一百五', 150],
  ['1万6', 16000],
  ['五万五', 55000],
  ['萬', 10000],
  ['一萬', 10000],
  ['一億', 100000000],
  ['壹万贰仟', 12000],
  ['肆佰叁拾萬', 4300000],
  ['玖', 9],
  ['二零二三', 2023],
  ['一九九八', 1998],
  ['二〇〇六', 2006],
  ['廿一', 21],
  ['廿', 20],
  ['三点五', 3.5],
  ['零点五', 0.5],
  ['一十一', 11],
  ['一千零一十一', 1011],
  ['一千零一万零一', 10010001],
  ['一千零一亿一千零一万一千零一', 100110011001],
  ['一千亿一千万一千零一', 100010001001],
  ['十亿零一万零一', 1000010001],
  ['一十一亿一千一百一十一万一千一百一十一', 1111111111],
  ['零点零零一', 0.001],
  ['零点一', 0.1],
  ['一七二零', 1720],
  ['一七二零点一三四', 1720.134],
  ['壹仟壹佰壹拾壹万壹仟壹佰壹拾壹', 11111111],
  ['15k', 15000],
  ['30w', 300000],
  ['1.2万', 12000],
  ['0.5亿', 50000000],
  ['100万', 1000000],
  ['82,225.00', 82225],
]

describe('parseNumeral', () => {
  it.each(exact)('reads %s as %d', (raw, value) => {
    const n = parseNumeral(foldText(raw))
    expect(n?.value).toBe(value)
    expect(n?.low).toBe(value)
    expect(n?.high).toBe(value)
  })

  it.each([
    ['数十亿', 1e9, 1e10],
    ['几十万', 1e5, 1e6],
    ['十几', 10, 20],
    ['几百', 100, 1000],
    ['两三', 2, 3],
    ['三四十', 30, 40],
    ['七八百', 700, 800],
    ['数百万', 1e6, 1e7],
    ['几千', 1000, 10000],
    ['数万', 1e4, 1e5],
  ] as [string, number, number][])('reads the vague %s as %d to %d with no single value', (raw, low, high) => {
    expect(parseNumeral(raw)).toMatchObject({ value: null, low, high, isOver: false })
  })

  it.each([
    ['3000多', 3000, 4000],
    ['10多亿', 1e9, 2e9],
    ['1亿多', 1e8, 2e8],
    ['十多', 10, 20],
    ['二十多万', 200000, 300000],
    ['100余', 100, 200],
    ['1.5亿多', 150000000, 160000000],
    ['五十余', 50, 60],
  ] as [string, number, number][])('reads %s as more than %d, below %d', (raw, low, high) => {
    expect(parseNumeral(raw)).toMatchObject({ value: low, low, high, isOver: true })
  })

  it.each(['', '多', '亿万亿x', '1.2.3', '一二三四五六七八九十x'])('refuses the malformed numeral "%s"', (raw) => {
    expect(parseNumeral(raw)).toBeNull()
  })

  it('has no floating-point noise in scaled decimals', () => {
    expect(parseNumeral('4.78万')?.value).toBe(47800)
    expect(parseNumeral('0.1亿')?.value).toBe(10000000)
  })
})

describe('lowestPlace', () => {
  it.each([
    [3000, 1000],
    [123, 1],
    [1.5e8, 1e7],
    [10, 10],
    [0, 1],
  ])('gives the place of the lowest non-zero digit of %d as %d', (n, place) => {
    expect(lowestPlace(n)).toBe(place)
  })
})

describe('readNumeral: colloquial and decimal forms', () => {
  it.each([
    // a unit with its 一 left out, then the next place's digit (spoken: 千五 is 1500, not 1005)
    ['千五', 1500],
    ['百八', 180],
    ['万八', 18000],
    ['千二百', 1200],
    // decimals with 点, after a digit or after a unit
    ['三点一四亿', 314000000],
    ['一百点五', 100.5],
    ['十二点五', 12.5],
    ['二十点二五', 20.25],
    // traditional and capital forms fold first (text.ts)
    ['參億伍仟萬', 350000000],
    ['兩千萬', 20000000],
    ['陸萬', 60000],
    ['一百〇五', 105],
    ['三點五億', 350000000],
    // spaces inside a figure
    ['3 億 105 萬 1,230', 301051230],
    ['15,402.36 萬', 154023600],
    ['一万亿', 1e12],
    ['五万三千亿', 5.3e12],
  ] as [string, number][])('reads %s as %d', (raw, value) => {
    expect(parseNumeral(foldText(raw))).toEqual({ value, low: value, high: value, isOver: false })
  })

  it.each([
    // the same or a larger unit again: no reading makes one number of these
    ['1亿2亿', '亿 after a figure already counted in 亿'],
    ['1万2万', '万 after a figure already counted in 万'],
    ['亿亿', '亿 right after 亿'],
    ['万万', '万 right after 万'],
    ['亿万', '万 right after 亿'],
    ['3亿2万亿', '亿 after a figure already counted in 万'],
    ['2万3亿', '亿 after a bare digit that follows 万'],
    ['十十', '十 after 十 in one section'],
    ['二十五十', '十 after 十 in one section'],
    ['五百三千', '千 after 百 in one section'],
    ['千百', '百 with no digit before it'],
    ['零万', '零 before the first digit'],
    ['一百零零五', '零 twice'],
    ['二十零五', '零 after 十'],
  ])('refuses %s, saying why', (raw, reason) => {
    const n = readNumeral(raw)
    expect(n).toHaveProperty('refused')
    expect((n as { refused: string }).refused).toContain(reason)
    expect(parseNumeral(raw)).toBeNull()
  })
})

/**
 * A reference grammar of well-formed Chinese numerals, written independently of the parser: sections
 * of 千, 百, 十 in falling order with 零 for gaps, then 万 and 亿 levels (五万三千亿 counts 亿s); a unit may lead with its 一 left
 * out, a lone digit may follow a unit (三万五), and plain digit strings (二零二三) read digit by digit.
 */
const D = '[一二三五九]'
const SECTION = `(?:${D}?千(?:${D}百(?:${D}十${D}?|零${D}|${D})?|零${D}十${D}?|零${D}|${D})?|${D}?百(?:${D}十${D}?|零${D}|${D})?|${D}?十${D}?|${D})`
const WELL_FORMED = new RegExp(`^(?:(?:${SECTION}?万亿零?)?(?:(?:${SECTION}?万零?)?${SECTION}?亿零?)?(?:${SECTION}?万零?)?${SECTION}?|零|[零一二三五九]{2,})$`)

describe('numeral soup', () => {
  const soup = fc.array(fc.constantFrom(...'零一二三五九十百千万亿'.split('')), { minLength: 1, maxLength: 8 }).map((a) => a.join(''))

  it('gives a value only to a run the reference grammar calls well-formed', () => {
    fc.assert(
      fc.property(soup, (text) => {
        for (const span of scanNumerals(text)) {
          if (span.numeral?.value != null) expect(span.raw).toMatch(WELL_FORMED)
        }
        const n = parseNumeral(text)
        if (n?.value != null) expect(text).toMatch(WELL_FORMED)
      }),
      { numRuns: 5000, seed: 11 },
    )
  })

  it('accepts what the reference grammar accepts, for a sample of well-formed numerals', () => {
    for (const raw of ['一千零五', '三万五', '九千九百九十九', '二十', '十五', '五百零三', '一亿零五万', '三千万亿', '千五', '万五', '二零二三']) {
      expect(raw).toMatch(WELL_FORMED)
      expect(parseNumeral(raw)?.value).not.toBeNull()
    }
  })
})
