/** Finding a curator's quote in the article, and the closest passage when it is not there. */
import type { Sentence } from '../normalize/text.ts'

export interface Found {
  start: number
  end: number
}

/** All occurrences of `quote` in `text`, as code point offsets. */
export function findAll(text: string, quote: string): Found[] {
  const out: Found[] = []
  const chars = Array.from(quote).length
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    const start = Array.from(text.slice(0, i)).length
    out.push({ start, end: start + chars })
  }
  return out
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>()
  const a = Array.from(s)
  for (let i = 0; i + 1 < a.length; i++) m.set(a[i] + a[i + 1], (m.get(a[i] + a[i + 1]) ?? 0) + 1)
  return m
}

/** The sentence most like the quote (bigram overlap), with its 1-based line number. */
export function closestPassage(text: string, sentences: Sentence[], quote: string): { line: number; passage: string } {
  const q = bigrams(quote)
  const chars = Array.from(text)
  let best = { score: -1, line: 1, passage: '' }
  for (const s of sentences) {
    const passage = chars.slice(s.start, s.end).join('')
    let shared = 0
    for (const [g, n] of bigrams(passage)) shared += Math.min(n, q.get(g) ?? 0)
    const score = shared / Math.max(1, Array.from(quote).length)
    if (score > best.score) best = { score, line: chars.slice(0, s.start).filter((c) => c === '\n').length + 1, passage }
  }
  return { line: best.line, passage: best.passage }
}
