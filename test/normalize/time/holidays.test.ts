import { describe, expect, it } from 'vitest'
import { holiday } from '../../../pipeline/normalize/time/holidays.ts'
import { read } from './read.ts'

describe('holiday', () => {
  it('takes the year written before it, or counted from the reference date', () => {
    expect(read(holiday, '2019年双十一')[0][1]).toBe('2019-11-11')
    expect(read(holiday, '去年国庆节')[0][1]).toBe('2020-10-01')
  })
  it('takes the year in context when none is written', () => {
    expect(read(holiday, '圣诞节', { year: 2017 })[0][1]).toBe('2017-12-25')
  })
  it('keeps the day when no year is known', () => {
    expect(read(holiday, '元旦', { reference: null })).toEqual([['元旦', null, null, 'day', null, 'XXXX-01-01']])
  })
})
