import { describe, expect, it } from 'vitest'
import { keepLongest } from '../../pipeline/normalize/overlaps.ts'

const span = (start: number, end: number, name: string) => ({ start, end, name })

describe('keepLongest', () => {
  it('keeps the longest of overlapping candidates, in text order', () => {
    expect(keepLongest([span(0, 2, 'a'), span(1, 5, 'b'), span(5, 6, 'c')], 6).map((s) => s.name)).toEqual(['b', 'c'])
  })
  it('lets the tie-break decide between candidates of equal length', () => {
    const rank = (s: { name: string }) => (s.name === 'x' ? 0 : 1)
    expect(keepLongest([span(0, 3, 'y'), span(1, 4, 'x')], 4, (a, b) => rank(a) - rank(b)).map((s) => s.name)).toEqual(['x'])
  })
  it('keeps the earlier start, then the order given, when nothing else decides', () => {
    expect(keepLongest([span(1, 4, 'late'), span(0, 3, 'early')], 4).map((s) => s.name)).toEqual(['early'])
    expect(keepLongest([span(0, 3, 'first'), span(0, 3, 'second')], 3).map((s) => s.name)).toEqual(['first'])
  })
})
