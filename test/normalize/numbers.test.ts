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
