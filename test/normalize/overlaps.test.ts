import fc from 'fast-check'
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

/** The rule itself, over the whole list at once: longest first (then tie, start, order given), each kept when its characters are free. */
function keepLongestByDefinition<T extends { start: number; end: number }>(candidates: T[], length: number, tie: (a: T, b: T) => number): T[] {
  const order = candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.end - b.c.start - (a.c.end - a.c.start) || tie(a.c, b.c) || a.c.start - b.c.start || a.i - b.i)
  const taken = new Array(length).fill(false)
  const kept: T[] = []
  for (const { c } of order) {
    if (taken.slice(c.start, c.end).some(Boolean)) continue
    taken.fill(true, c.start, c.end)
    kept.push(c)
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end)
}

describe('keepLongest, cluster by cluster', () => {
  it('decides a chain of overlaps as one: the longest in the middle drops both neighbours, which do not overlap each other', () => {
    expect(keepLongest([span(0, 3, 'left'), span(2, 7, 'middle'), span(6, 9, 'right'), span(9, 10, 'apart')], 10).map((s) => s.name)).toEqual([
      'middle',
      'apart',
    ])
  })
  it('keeps the neighbours of a chain when the middle is the shortest', () => {
    expect(keepLongest([span(2, 4, 'middle'), span(0, 3, 'left'), span(3, 6, 'right')], 6).map((s) => s.name)).toEqual(['left', 'right'])
  })
  it('chooses what the rule applied to the whole list at once chooses, for any candidates and tie-break', () => {
    const candidate = fc.record({ start: fc.nat(40), length: fc.integer({ min: 1, max: 8 }), kind: fc.nat(3) })
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 60 }), (drawn) => {
        const candidates = drawn.map((d, i) => ({ start: d.start, end: d.start + d.length, kind: d.kind, i }))
        const tie = (a: { kind: number }, b: { kind: number }) => a.kind - b.kind
        expect(keepLongest(candidates, 48, tie)).toEqual(keepLongestByDefinition(candidates, 48, tie))
      }),
      { numRuns: 500 },
    )
  })
  it('chooses as the rule does in a cluster of hundreds of candidates', () => {
    // a chain: each candidate overlaps the next, lengths 2 and 3 in turn
    const chain = Array.from({ length: 300 }, (_, i) => ({ start: i, end: i + 2 + (i % 2), kind: i % 3, i }))
    const tie = (a: { kind: number }, b: { kind: number }) => a.kind - b.kind
    const kept = keepLongest(chain, 310, tie)
    expect(kept.length).toBeGreaterThan(32)
    expect(kept).toEqual(keepLongestByDefinition(chain, 310, tie))
  })
})
