/** Finding a curator's quote in the article, and the closest passage when it is not there. */
import { codePointIndexer, codePointLength, type Sentence } from '../normalize/text.ts'
import { substringIndex } from './substring-index.ts'

export interface Found {
  start: number
  end: number
}

/** All occurrences of `quote` in `text`, as code point offsets, from the text's substring index (one per article, so many quotes cost no scan each). */
export function findAll(text: string, quote: string): Found[] {
  const units = substringIndex(text).occurrences(quote)
  if (!units.length) return []
  const toCodePoint = codePointsOf(text)
  const length = codePointLength(quote)
  return units.map((u) => {
    const start = toCodePoint(u)
    return { start, end: start + length }
  })
}

let lastIndexer: { text: string; toCodePoint: (unit: number) => number } | undefined
/** UTF-16 offsets to code points, for the last text asked about. */
function codePointsOf(text: string): (unit: number) => number {
  if (lastIndexer?.text !== text) lastIndexer = { text, toCodePoint: codePointIndexer(text) }
  return lastIndexer.toCodePoint
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>()
  const a = Array.from(s)
  for (let i = 0; i + 1 < a.length; i++) m.set(a[i] + a[i + 1], (m.get(a[i] + a[i + 1]) ?? 0) + 1)
  return m
}

/** The sentence most like the quote (bigram overlap), with its 1-based line number: one pass over the text, however many sentences. */
export function closestPassage(text: string, sentences: Sentence[], quote: string): { line: number; passage: string } {
  const q = bigrams(quote)
  const chars = Array.from(text)
  const quoteLength = codePointLength(quote)
  let best = { score: -1, start: 0, passage: '' }
  for (const s of sentences) {
    const passage = chars.slice(s.start, s.end).join('')
    let shared = 0
    for (const [g, n] of bigrams(passage)) shared += Math.min(n, q.get(g) ?? 0)
    const score = shared / Math.max(1, quoteLength)
    if (score > best.score) best = { score, start: s.start, passage }
  }
  let line = 1
  for (let i = 0; i < best.start; i++) if (chars[i] === '\n') line++
  return { line, passage: best.passage }
}
