import { describe, expect, it } from 'vitest'
import { clockOnly, weekday, weekend } from '../../../pipeline/normalize/time/weekday-clock.ts'
import { read } from './read.ts'

// 2021-06-14, the reference date, is a Monday
describe('weekday', () => {
  it('reads a weekday of this, next and last week', () => {
    expect(read(weekday, '周三')[0][1]).toBe('2021-06-16')
    expect(read(weekday, '下周六')[0][1]).toBe('2021-06-26')
    expect(read(weekday, '上个星期天')[0][1]).toBe('2021-06-13')
  })
  it('takes a clock time after the weekday into the expression', () => {
    expect(read(weekday, '下周一上午9点')[0][0]).toBe('下周一上午9点')
  })
})

describe('weekend', () => {
  it('reads 周末 as Saturday and Sunday', () => {
    expect(read(weekend, '上周末')[0].slice(1, 3)).toEqual(['2021-06-12', '2021-06-13'])
  })
  it('reads 这个周末 and 下下周末 from the reference week', () => {
    expect(read(weekend, '这个周末')[0][1]).toBe('2021-06-19')
    expect(read(weekend, '下下周末')[0][1]).toBe('2021-07-03')
  })
})

describe('clockOnly', () => {
  it('reads a clock time as a day', () => {
    expect(read(clockOnly, '下午3点')[0][1]).toBe('2021-06-14')
    expect(read(clockOnly, '15:37')[0][1]).toBe('2021-06-14')
  })
  it('puts a clock time on the day in context, and leaves it unresolved when the context is not one day', () => {
    expect(read(clockOnly, '上午10点', { year: 2019, month: 3, day: { y: 2019, m: 3, d: 11 } })[0][1]).toBe('2019-03-11')
    expect(read(clockOnly, '上午10点', { year: 2019, month: 3 })[0][1]).toBeNull()
  })
  it('does not read a score as a time', () => {
    expect(read(clockOnly, '比分16:9')).toEqual([])
  })
})
