/** Finding a curator's quote in the article, and the closest passage when it is not there. */
import type { Sentence } from '../normalize/text.ts'

export interface Found {
  start: number
  end: number
}

/** Code points among the UTF-16 units text[from, to): every unit but a low surrogate starts one. */
function codePointsIn(text: string, from: number, to: number): number {
  let n = 0
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k)
    if (c < 0xdc00 || c > 0xdfff) n++
  }
  return n
}

/** All occurrences of `quote` in `text`, as code point offsets (counted on from one hit to the next, never from the start again). */
export function findAll(text: string, quote: string): Found[] {
  const out: Found[] = []
  const length = codePointsIn(quote, 0, quote.length)
  let [unit, point] = [0, 0]
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    point += codePointsIn(text, unit, i)
    unit = i
    out.push({ start: point, end: point + length })
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
