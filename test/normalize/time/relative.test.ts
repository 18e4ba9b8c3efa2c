import { describe, expect, it } from 'vitest'
import {
  ago,
  comingOrPastYears,
  relativeDay,
  relativeMonth,
  relativeQuarter,
  relativeWeek,
  relativeYear,
  samePeriod,
  todayWord,
} from '../../../pipeline/normalize/time/relative.ts'
import { RELATIVE_DAYS, RELATIVE_MONTHS, RELATIVE_YEARS } from '../../../pipeline/normalize/time/words.ts'
import { read } from './read.ts'

describe('relativeYear', () => {
  it('counts 去年 and 大后年 from the reference date', () => {
    expect(read(relativeYear, '去年')[0][1]).toBe('2020-01-01')
    expect(read(relativeYear, '大后年')[0][1]).toBe('2024-01-01')
  })
  it('counts 次年 from the year in context', () => {
    expect(read(relativeYear, '次年', { year: 2015 })[0][1]).toBe('2016-01-01')
  })
  it('stays unresolved without a reference date', () => {
    expect(read(relativeYear, '去年', { reference: null })).toEqual([['去年', null, null, 'unknown', null, null]])
  })
  it.each(Object.keys(RELATIVE_YEARS))('finds the lexicon word %s', (word) => {
    expect(read(relativeYear, word)[0][0]).toBe(word)
  })
})

describe('relativeMonth', () => {
  it('counts 上个月 from the reference date and 次月 from the month in context', () => {
    expect(read(relativeMonth, '上个月')[0][1]).toBe('2021-05-01')
    expect(read(relativeMonth, '次月', { year: 2019, month: 12 })[0][1]).toBe('2020-01-01')
  })
  it.each(Object.keys(RELATIVE_MONTHS))('finds the lexicon word %s', (word) => {
    expect(read(relativeMonth, word)[0][0]).toBe(word)
  })
})

describe('relativeDay', () => {
  it('counts 昨天 from the reference date and 次日 from the day in context', () => {
    expect(read(relativeDay, '昨天')[0][1]).toBe('2021-06-13')
    expect(read(relativeDay, '次日', { day: { y: 2019, m: 11, d: 11 } })[0][1]).toBe('2019-11-12')
  })
  it.each(Object.keys(RELATIVE_DAYS))('finds the lexicon word %s', (word) => {
    expect(read(relativeDay, word)[0][0]).toBe(word)
  })
})

describe('relativeWeek, relativeQuarter and ago', () => {
  it('reads 下周 as Monday to Sunday', () => {
    expect(read(relativeWeek, '下周')[0].slice(1, 3)).toEqual(['2021-06-21', '2021-06-27'])
  })
  it('reads 本季度 as the reference quarter', () => {
    expect(read(relativeQuarter, '本季度')[0].slice(1, 3)).toEqual(['2021-04-01', '2021-06-30'])
  })
  it('reads 上上周 and 这个星期 from the reference week', () => {
    expect(read(relativeWeek, '上上周')[0].slice(1, 3)).toEqual(['2021-05-31', '2021-06-06'])
    expect(read(relativeWeek, '这个星期')[0].slice(1, 3)).toEqual(['2021-06-14', '2021-06-20'])
  })
  it('reads 上季度 across a year boundary', () => {
    expect(read(relativeQuarter, '上季度', { reference: { y: 2021, m: 2, d: 1 } })[0][5]).toBe('2020-36')
  })
  it('leaves weeks and quarters unresolved without a reference date', () => {
    expect(read(relativeWeek, '上周', { reference: null })[0][1]).toBeNull()
    expect(read(relativeQuarter, '下季度', { reference: null })[0][1]).toBeNull()
  })
  it('counts 两年前 and 3个月后 from the reference date', () => {
    expect(read(ago, '两年前')[0][1]).toBe('2019-01-01')
    expect(read(ago, '3个月后')[0][5]).toBe('2021-09')
  })
})

describe('ago counts from the date in context', () => {
  it('counts 三年后 from the year in context and 20天后 from the day in context', () => {
    expect(read(ago, '三年后', { year: 2015 })[0][5]).toBe('2018')
    expect(read(ago, '20天后', { year: 2019, month: 3, day: { y: 2019, m: 3, d: 11 } })[0][5]).toBe('2019-03-31')
  })
  it('reads 半年前 as the month six months earlier', () => {
    expect(read(ago, '半年前')[0][5]).toBe('2020-12')
  })
})

describe('todayWord', () => {
  it('reads 今 before a reporting verb as the reference day', () => {
    expect(read(todayWord, '今宣布')).toEqual([['今', '2021-06-14', '2021-06-14', 'day', null, '2021-06-14']])
  })
  it('does not read 至今, 如今 or 今后', () => {
    expect(read(todayWord, '至今宣布如今发布今后')).toEqual([])
  })
})

describe('comingOrPastYears', () => {
  it('reads 未来两年 from the reference date and 前两年 as the two years before it', () => {
    expect(read(comingOrPastYears, '未来两年')[0].slice(1, 6)).toEqual(['2021-06-14', '2023-06-14', 'year', 'about', '2021-06-14/2023-06-14~'])
    expect(read(comingOrPastYears, '前两年')[0].slice(1, 6)).toEqual(['2019-01-01', '2020-12-31', 'year', 'about', '2019~/2020~'])
  })
  it('does not read 前两年 after a verb', () => {
    expect(read(comingOrPastYears, '上市前两年')).toEqual([])
  })
})

describe('samePeriod', () => {
  const quarter = {
    from: { y: 2021, m: 1, d: 1 },
    to: { y: 2021, m: 3, d: 31 },
    precision: 'quarter' as const,
    qualifier: null,
    edtf: '2021-33',
    year: 2021,
    month: null,
  }
  it('moves the period in context by the years of the word', () => {
    expect(read(samePeriod, '去年同期', { last: quarter })).toEqual([['去年同期', '2020-01-01', '2020-03-31', 'quarter', null, '2020-33']])
    expect(read(samePeriod, '前年同期', { last: quarter })[0][5]).toBe('2019-33')
  })
  it('is unresolved without a period in context', () => {
    expect(read(samePeriod, '去年同期')[0][1]).toBeNull()
  })
})
