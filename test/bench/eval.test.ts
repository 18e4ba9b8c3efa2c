import { describe, expect, it } from 'vitest'
import { f1, inRange, linesChanged, precision, recall, scoreKeys } from '../../pipeline/bench/eval.ts'

describe('scoreKeys', () => {
  it('counts a key as right as many times as the gold has it, no more', () => {
    const s = scoreKeys(['a', 'a', 'b', 'x'], ['a', 'b', 'c'])
    expect(s).toEqual({ tp: 2, machine: 4, gold: 3 })
    expect(precision(s)).toBe(0.5)
    expect(recall(s)).toBeCloseTo(2 / 3)
    expect(f1(s)).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3))
  })

  it('adds up over articles', () => {
    const s = scoreKeys(['a'], ['a'])
    scoreKeys([], ['b'], s)
    expect(s).toEqual({ tp: 1, machine: 1, gold: 2 })
  })

  it('gives precision 1 and recall 0 when the machine proposes nothing', () => {
    const s = scoreKeys([], ['a'])
    expect([precision(s), recall(s), f1(s)]).toEqual([1, 0, 0])
  })
})

describe('linesChanged', () => {
  it('is zero for the same lines, and counts each added and each removed line once', () => {
    expect(linesChanged(['a', 'b'], ['a', 'b'])).toBe(0)
    expect(linesChanged(['a', 'b', 'c'], ['a', 'c'])).toBe(1)
    expect(linesChanged(['a', 'x'], ['a', 'y'])).toBe(2)
    expect(linesChanged([], ['a', 'b'])).toBe(2)
  })
})

describe('inRange', () => {
  it('keeps the articles whose cNN prefix is in the range, and every article without one', () => {
    expect(['c42-weekly', 'c43-flash', 'c50-trap', 'c51-x'].filter((id) => inRange(id, 'c43-c50'))).toEqual(['c43-flash', 'c50-trap'])
    expect(inRange('c07-yuntu-b', 'c07')).toBe(true)
    expect(inRange('c07-yuntu-b', null)).toBe(true)
  })

  it('refuses a range it cannot read', () => {
    expect(() => inRange('c01', '43-50')).toThrow(/expected a range of article prefixes/)
  })
})
