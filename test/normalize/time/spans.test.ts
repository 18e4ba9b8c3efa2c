import { describe, expect, it } from 'vitest'
import { dottedSpan, yearSpanOf } from '../../../pipeline/normalize/time/spans.ts'
import { read } from './read.ts'

describe('dottedSpan', () => {
  it('reads year.month spans', () => {
    expect(read(dottedSpan, '1999.08-2002.02')[0].slice(1, 3)).toEqual(['1999-08-01', '2002-02-28'])
  })
  it('drops a span that runs backwards', () => {
    expect(read(dottedSpan, '2009.03-2008.01')[0][1]).toBeNull()
  })
})

describe('yearSpanOf', () => {
  it('reads the first or last N quarters or months of a year', () => {
    expect(read(yearSpanOf, '今年前三季度')[0].slice(1, 4)).toEqual(['2021-01-01', '2021-09-30', 'quarter'])
    expect(read(yearSpanOf, '二零二一年后三月')[0].slice(1, 3)).toEqual(['2021-10-01', '2021-12-31'])
    expect(read(yearSpanOf, '前年前两个月')[0].slice(1, 3)).toEqual(['2019-01-01', '2019-02-28'])
  })
  it('drops more than twelve months', () => {
    expect(read(yearSpanOf, '2021年前五个季度')[0][1]).toBeNull()
  })
})
