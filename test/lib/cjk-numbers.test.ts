import { describe, expect, it } from 'vitest'
import { lowestPlace, parseNumeral } from '../../pipeline/lib/cjk-numbers.ts'
import { foldText } from '../../pipeline/lib/text.ts'

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
