import { describe, expect, it } from 'vitest'
import { prng } from '../../pipeline/bench/generate-corpus.ts'
import { insideOneOf, MentionIndex } from '../../pipeline/curate/mention-index.ts'

/** Spans in no particular order, nested, overlapping and repeated. */
function randomSpans(r: () => number, n: number): { start: number; end: number }[] {
  return Array.from({ length: n }, () => {
    const start = Math.floor(r() * 100)
    return { start, end: start + 1 + Math.floor(r() * 8) }
  })
}

describe('MentionIndex', () => {
  const r = prng(3)
  const mentions = randomSpans(r, 400)
  const index = new MentionIndex(mentions)
  const positions = (keep: (m: { start: number; end: number }) => boolean) => mentions.flatMap((m, i) => (keep(m) ? [i] : []))

  it('gives the mentions inside a span in the order of the mentions array, as a filter of it would', () => {
    for (let k = 0; k < 200; k++) {
      const [from, to] = [Math.floor(r() * 110), Math.floor(r() * 110)].sort((a, b) => a - b)
      expect(index.within(from, to)).toEqual(positions((m) => m.start >= from && m.end <= to))
      expect(index.startingIn(from, to)).toEqual(positions((m) => m.start >= from && m.start < to))
    }
  })

  it('tells whether any mention overlaps a span', () => {
    for (let k = 0; k < 200; k++) {
      const from = Math.floor(r() * 120) - 5
      const to = from + 1 + Math.floor(r() * 4)
      expect(index.overlaps(from, to)).toBe(mentions.some((m) => m.start < to && from < m.end))
    }
    expect(new MentionIndex([]).overlaps(0, 10)).toBe(false)
  })
})

describe('insideOneOf', () => {
  it('tells whether a span lies inside one of the spans', () => {
    const r = prng(5)
    const spans = randomSpans(r, 30)
    const inside = insideOneOf(spans)
    for (let k = 0; k < 300; k++) {
      const from = Math.floor(r() * 110)
      const to = from + Math.floor(r() * 6)
      expect(inside(from, to)).toBe(spans.some((d) => from >= d.start && to <= d.end))
    }
  })
})
