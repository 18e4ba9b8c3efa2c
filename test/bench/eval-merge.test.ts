import { describe, expect, it } from 'vitest'
import { scoreClusters } from '../../pipeline/bench/eval-merge.ts'

describe('scoreClusters', () => {
  const records = [
    { key: 'a1', source: 'a', gold: 'x' },
    { key: 'b1', source: 'b', gold: 'x' },
    { key: 'c1', source: 'c', gold: 'x' },
    { key: 'c2', source: 'c', gold: 'y' },
    { key: 'd1', source: 'd', gold: null },
  ]

  it('counts every pair of articles that report one flow, and those the clusters joined', () => {
    const cluster = new Map([
      ['a1', '1'],
      ['b1', '1'],
      ['c1', '2'],
      ['c2', '3'],
      ['d1', '4'],
    ])
    const s = scoreClusters(records, (k) => cluster.get(k) as string)
    expect([s.pairs, s.merged, s.false_merges, s.unmatched]).toEqual([3, 1, 0, 0])
    expect(s.cases).toEqual(['missed: a1 (x) and c1 (x)', 'missed: b1 (x) and c1 (x)'])
  })

  it('counts a false merge for two gold flows in one cluster, and apart a merge with a record the gold lacks', () => {
    const s = scoreClusters(records, (k) => (k === 'c1' ? 'other' : 'one'))
    // pairs of one article (c1, c2) are never counted: an article's records are different flows by construction
    expect([s.pairs, s.merged, s.false_merges, s.unmatched]).toEqual([3, 1, 2, 3])
  })
})
