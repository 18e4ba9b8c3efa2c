import { describe, expect, it } from 'vitest'
import { findNumbers, scanNumerals } from '../../pipeline/normalize/numbers.ts'
import { foldText } from '../../pipeline/normalize/text.ts'

function numbers(text: string) {
  const folded = foldText(text)
  return findNumbers(folded, scanNumerals(folded)).map((n) => [text.slice(n.start, n.end), n.value, n.unit, n.qualifier])
}

type Row = [string, string, number | null, string | null, string]
const cases: Row[] = [
  ['迅速的突破1亿用户', '1亿', 1e8, null, 'exact'],
  ['该款应用就获得了超过1亿用户', '超过1亿', 1e8, null, 'over'],
  ['他一生中遇到的两项革命性技术之一', '两', 2, null, 'exact'],
  ['特斯拉一年十倍的涨幅', '十倍', 10, 'multiple', 'exact'],
  ['估值就从30倍暴跌', '30倍', 30, 'multiple', 'exact'],
  ['暴跌至15倍左右', '15倍左右', 15, 'multiple', 'about'],
  ['增长30%', '30%', 30, 'percent', 'exact'],
  ['增长３０％', '３０％', 30, 'percent', 'exact'],
  ['占比百分之三十', '百分之三十', 30, 'percent', 'exact'],
  ['下降了12.5%', '12.5%', 12.5, 'percent', 'exact'],
  ['员工约500人', '约500', 500, null, 'about'],
  ['近千名员工', '近千', 1000, null, 'under'],
  ['拥有三千万用户', '三千万', 3e7, null, 'exact'],
  ['1,234名', '1,234', 1234, null, 'exact'],
  ['三家公司', '三', 3, null, 'exact'],
  ['二十五个国家', '二十五', 25, null, 'exact'],
  ['卖出了100万台', '100万', 1e6, null, 'exact'],
  ['16.4亿次下载', '16.4亿', 1640000000, null, 'exact'],
  ['日活用户4.78万', '4.78万', 47800, null, 'exact'],
  ['1万600人', '1万600', 10600, null, 'exact'],
  ['三万五人', '三万五', 35000, null, 'exact'],
  ['增长了两倍', '两倍', 2, 'multiple', 'exact'],
  ['负一百', '负一百', -100, null, 'exact'],
  ['气温负5度', '负5', -5, null, 'exact'],
]

describe('findNumbers', () => {
  it.each(cases)('reads %s', (input, text, value, unit, qualifier) => {
    expect(numbers(input)).toEqual([[text, value, unit, qualifier]])
  })

  it.each([
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['壹', 1],
    ['拾壹', 11],
    ['一万一千', 11000],
    ['零点一', 0.1],
  ] as [string, number][])('reads the whole input %s as the number %d', (input, value) => {
    expect(numbers(input)).toEqual([[input, value, null, 'exact']])
  })

  it('reads a fraction as its value', () => {
    const [n] = numbers('占三分之一')
    expect(n[0]).toBe('三分之一')
    expect(n[1]).toBeCloseTo(1 / 3, 12)
  })

  it.each(['万一出现问题', '一些公司', '之一', '唯一的', '十分重要', '百度公司', '三星电子', '第三', '一家开源公司', '统一', '亿万富翁', '负增长', '一直'])(
    'finds no number in the word %s',
    (text) => {
      expect(numbers(text)).toEqual([])
    },
  )

  it('gives bounds for a vague count', () => {
    const folded = foldText('几十万人')
    expect(findNumbers(folded, scanNumerals(folded))[0]).toMatchObject({ value: null, low: 1e5, high: 1e6, qualifier: 'about' })
  })

  it('does not read digits inside a Latin word as a number', () => {
    expect(numbers('A100芯片').map((n) => n[0])).toEqual([])
  })
})

describe('findNumbers: qualifiers, signs, refusals', () => {
  const full = (text: string) => {
    const folded = foldText(text)
    return findNumbers(folded, scanNumerals(folded)).map((n) => ({
      text: text.slice(n.start, n.end),
      value: n.value,
      unit: n.unit,
      qualifier: n.qualifier,
      refused: n.refused,
    }))
  }
  it.each([
    // the longest qualifier word wins: 不少于 is "at least", 不足 "short of"
    ['员工不少于500人', '不少于500', 500, null, 'over'],
    ['不低于30%', '不低于30%', 30, 'percent', 'over'],
    ['不足百人', '不足百', 100, null, 'under'],
    ['不高于5%', '不高于5%', 5, 'percent', 'under'],
    ['至多三家公司', '至多三', 3, null, 'under'],
    ['约为1200人', '约为1200', 1200, null, 'about'],
    // 上/过 before a unit: upwards of
    ['上千名员工', '上千', 1000, null, 'over'],
    ['用户过亿', '过亿', 1e8, null, 'over'],
    ['过万人', '过万', 1e4, null, 'over'],
    // signs: a minus sign, 负, and 负增长 before a percentage
    ['增长-5%', '-5%', -5, 'percent', 'exact'],
    ['负增长5%', '负增长5%', -5, 'percent', 'exact'],
    ['负增长约3.2%', '负增长约3.2%', -3.2, 'percent', 'about'],
    // 成 after a digit counts tenths (found by make compare: 三成 was read as 3)
    ['利润下降了三成', '三成', 30, 'percent', 'exact'],
    ['5成的用户', '5成', 50, 'percent', 'exact'],
    ['约一成', '约一成', 10, 'percent', 'about'],
    ['三成员', '三', 3, null, 'exact'],
    ['经过十年', '十', 10, null, 'exact'],
    // share counts are numbers, never money
    ['发行321,654,987股', '321,654,987', 321654987, null, 'exact'],
    ['持有5120萬3388股', '5120萬3388', 51203388, null, 'exact'],
    // traditional forms and spaces
    ['約 1,200 萬人', '約 1,200 萬', 1.2e7, null, 'about'],
    ['兩個億用戶', '兩個億', 2e8, null, 'exact'],
    ['三點五倍', '三點五倍', 3.5, 'multiple', 'exact'],
    ['百分之二十五點五', '百分之二十五點五', 25.5, 'percent', 'exact'],
  ] as [string, string, number, string | null, string][])('reads %s', (input, text, value, unit, qualifier) => {
    expect(full(input)).toEqual([{ text, value, unit, qualifier, refused: null }])
  })

  it('reads no tenths in the idiom 一成不变', () => {
    expect(full('一成不变')).toEqual([])
  })

  it('reads 七八成 as 70% to 80%', () => {
    const folded = foldText('七八成的用户')
    expect(findNumbers(folded, scanNumerals(folded))).toMatchObject([{ value: null, low: 70, high: 80, unit: 'percent' }])
  })

  it('reads the dash of a range as no sign', () => {
    expect(full('1-2倍').map((n) => n.value)).toEqual([1, 2])
    expect(full('增长3%-5%').map((n) => n.value)).toEqual([3, 5])
  })

  it.each([
    ['亿亿', /亿 right after 亿/],
    ['十十', /十 after 十/],
    ['1亿2亿人', /亿 after a figure already counted in 亿/],
    ['九百九千', /千 after 百/],
  ])('keeps %s as a number with no value and the reason', (input, reason) => {
    const [n] = full(input)
    expect(n.value).toBeNull()
    expect(n.refused).toMatch(reason)
  })
})
