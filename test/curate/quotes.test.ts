import { describe, expect, it } from 'vitest'
import { findAll } from '../../pipeline/curate/quotes.ts'
import { sliceCodePoints } from '../helpers/text.ts'

describe('findAll', () => {
  it('gives every occurrence in code points, astral characters before and inside counted once each', () => {
    const text = '𠀀甲融资乙𠀀融资丙融资'
    const hits = findAll(text, '融资')
    expect(hits).toEqual([
      { start: 2, end: 4 },
      { start: 6, end: 8 },
      { start: 9, end: 11 },
    ])
    for (const h of hits) expect(sliceCodePoints(text, h.start, h.end)).toBe('融资')
    expect(findAll(text, '乙𠀀融')).toEqual([{ start: 4, end: 7 }])
  })

  it('finds overlapping occurrences and nothing in a text without the quote', () => {
    expect(findAll('啊啊啊', '啊啊')).toEqual([
      { start: 0, end: 2 },
      { start: 1, end: 3 },
    ])
    expect(findAll('甲乙丙', '丁')).toEqual([])
  })
})
