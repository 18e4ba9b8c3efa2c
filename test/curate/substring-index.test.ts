import { describe, expect, it } from 'vitest'
import { prng } from '../../pipeline/bench/generate-corpus.ts'
import { SubstringIndex, suffixArray } from '../../pipeline/curate/substring-index.ts'

/** Every start of q in text, one indexOf after another: what the index must answer. */
function scan(text: string, q: string): number[] {
  const out: number[] = []
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) out.push(i)
  return out
}

/** A text over a few characters (an astral one among them), so substrings repeat and overlap often. */
function randomText(r: () => number, length: number): string {
  const alphabet = ['甲', '乙', '丙', '融资', '𠀀', 'a', '\n']
  let s = ''
  while (s.length < length) s += alphabet[Math.floor(r() * alphabet.length)]
  return s
}

describe('suffixArray', () => {
  it('orders every suffix as a plain sort of the suffixes would', () => {
    const r = prng(7)
    for (const length of [0, 1, 2, 3, 17, 200]) {
      const text = randomText(r, length)
      const naive = Array.from({ length: text.length }, (_, i) => i).sort((a, b) => (text.slice(a) < text.slice(b) ? -1 : 1))
      expect(Array.from(suffixArray(text))).toEqual(naive)
    }
  })

  it('sorts a text that is one character repeated, the longest case for prefix doubling', () => {
    const text = '啊'.repeat(300)
    expect(Array.from(suffixArray(text))).toEqual(Array.from({ length: 300 }, (_, i) => 299 - i))
  })
})

describe('SubstringIndex', () => {
  it('finds every occurrence, overlapping ones included, as indexOf finds them one by one', () => {
    const r = prng(11)
    const text = randomText(r, 2000)
    // threshold 0: the suffix array answers even for this short text
    const index = new SubstringIndex(text, 0)
    for (let k = 0; k < 300; k++) {
      const at = Math.floor(r() * text.length)
      const q = text.slice(at, at + 1 + Math.floor(r() * 6))
      expect(index.occurrences(q)).toEqual(scan(text, q))
    }
    for (const q of ['丁', '甲甲甲甲甲甲甲甲甲甲甲甲', `${text.slice(-3)}甲`, text]) expect(index.occurrences(q)).toEqual(scan(text, q))
  })

  it('answers below its threshold by scanning, with the same results', () => {
    const text = '甲乙甲乙甲'
    expect(new SubstringIndex(text).occurrences('甲乙甲')).toEqual([0, 2])
    expect(new SubstringIndex(text, 0).occurrences('甲乙甲')).toEqual([0, 2])
  })
})
