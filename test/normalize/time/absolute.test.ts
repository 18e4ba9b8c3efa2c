import { describe, expect, it } from 'vitest'
import { bareDay, dotDate, fiscalOrQuarter, isDuration, monthDay, numeric, withYear } from '../../../pipeline/normalize/time/absolute.ts'
import { read } from './read.ts'

describe('withYear', () => {
  it('reads a year, a month of it and a day of it', () => {
    expect(read(withYear, '2019年')).toEqual([['2019年', '2019-01-01', '2019-12-31', 'year', null, '2019']])
    expect(read(withYear, '2019年3月11日')).toEqual([['2019年3月11日', '2019-03-11', '2019-03-11', 'day', null, '2019-03-11']])
  })
  it('takes the century of a two-digit year from the reference date', () => {
    expect(read(withYear, '85年', { reference: { y: 1970, m: 1, d: 1 } })[0][1]).toBe('1885-01-01')
    expect(read(withYear, '85年', { reference: { y: 1990, m: 1, d: 1 } })[0][1]).toBe('1985-01-01')
  })
  it('drops 19年 when it is a duration', () => {
    expect(read(withYear, '19年来')).toEqual([])
  })
})

describe('monthDay', () => {
  it('takes the year in context, else the reference year', () => {
    expect(read(monthDay, '2月17日', { year: 2023, month: 1 })[0][1]).toBe('2023-02-17')
    expect(read(monthDay, '2月17日')[0][1]).toBe('2021-02-17')
  })
  it('keeps the month and day when no year is known', () => {
    expect(read(monthDay, '2月17日', { reference: null })).toEqual([['2月17日', null, null, 'day', null, 'XXXX-02-17']])
  })
})

describe('numeric', () => {
  it('reads dashed, slashed and dotted dates and year-months', () => {
    expect(read(numeric, '2019/04/19')[0][1]).toBe('2019-04-19')
    expect(read(numeric, '2019.3.11')[0][1]).toBe('2019-03-11')
    expect(read(numeric, '2019-03')[0].slice(1, 4)).toEqual(['2019-03-01', '2019-03-31', 'month'])
  })
  it('drops a day that does not exist', () => {
    expect(read(numeric, '2019-02-30')[0][1]).toBeNull()
  })
})

describe('dotDate and bareDay', () => {
  it('read 6·30 in the year in context', () => {
    expect(read(dotDate, '6·30', { year: 2018 })[0][1]).toBe('2018-06-30')
  })
  it('read no date out of a dotted number or an impossible day', () => {
    expect(read(dotDate, '1·2·3')).toEqual([])
    expect(read(dotDate, '2·30')[0][1]).toBeNull()
  })
  it('read 12日 in the month in context', () => {
    expect(read(bareDay, '12日', { year: 2019, month: 3 })[0][1]).toBe('2019-03-12')
    expect(read(bareDay, '第3日')).toEqual([])
  })
})

describe('isDuration', () => {
  it.each([
    ['工作了19年', 3, 6, true],
    ['19年来', 0, 3, true],
    ['19年发布', 0, 3, false],
  ])('says whether the year in %s is a duration', (text, start, end, expected) => {
    expect(isDuration(text, start, end)).toBe(expected)
  })
})

describe('fiscalOrQuarter', () => {
  it('reads a fiscal year as its calendar year, about', () => {
    expect(read(fiscalOrQuarter, 'FY2022')).toEqual([['FY2022', '2022-01-01', '2022-12-31', 'year', 'about', '2022~']])
    expect(read(fiscalOrQuarter, '2021财年')[0][5]).toBe('2021~')
  })
  it('reads 2022Q3 as a calendar quarter', () => {
    expect(read(fiscalOrQuarter, '2022Q3')[0].slice(1, 4)).toEqual(['2022-07-01', '2022-09-30', 'quarter'])
  })
  it('does not read a model number', () => {
    expect(read(fiscalOrQuarter, 'AFY2022X')).toEqual([])
  })
})
