import { describe, expect, it } from 'vitest'
import { barePart, decade } from '../../../pipeline/normalize/time/vague.ts'
import { read } from './read.ts'

describe('barePart', () => {
  it('reads 年底 in the year in context', () => {
    expect(read(barePart, '年底', { year: 2018 })).toEqual([['年底', '2018-11-01', '2018-12-31', 'part_of_year', 'late', '2018-11/2018-12']])
  })
  it('reads Q3 and 下半年 in the reference year', () => {
    expect(read(barePart, 'Q3')[0][5]).toBe('2021-35')
    expect(read(barePart, '下半年')[0][5]).toBe('2021-41')
  })
  it('reads one month of a quarter and 开年', () => {
    expect(read(barePart, '三季度末')).toEqual([['三季度末', '2021-09-01', '2021-09-30', 'part_of_year', 'late', '2021-09']])
    expect(read(barePart, '开年')[0][5]).toBe('2021-01/2021-02')
  })
  it('does not read a part glued to a year', () => {
    expect(read(barePart, '2019年底')).toEqual([])
  })
})

describe('decade', () => {
  it('reads decades and centuries and their parts', () => {
    expect(read(decade, '90年代')[0][5]).toBe('199X')
    expect(read(decade, '上世纪80年代')[0][5]).toBe('198X')
    expect(read(decade, '18世纪初')[0].slice(3, 6)).toEqual(['decade', 'early', '1700/1719'])
  })
})
