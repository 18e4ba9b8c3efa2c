/**
 * An article's mentions sorted once by where they start, so "the mentions inside this span" and "does
 * anything overlap this span" cost a binary search and the mentions near the span, not a pass over all
 * of an article's mentions per record, sentence or discovered name (which made a dense article's
 * build grow with the square of its size). Answers are in the order of the mentions array, as
 * `mentions.filter(...)` would give them, whatever that order is.
 */
interface Span {
  start: number
  end: number
}

export class MentionIndex {
  /** positions into the mentions array, by start (then by position) */
  private readonly order: Int32Array
  private readonly starts: Float64Array
  /** the largest end among order[0..k] */
  private readonly maxEnd: Float64Array

  constructor(private readonly mentions: readonly Span[]) {
    const n = mentions.length
    this.order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => mentions[a].start - mentions[b].start || a - b)
    this.starts = Float64Array.from(this.order, (i) => mentions[i].start)
    this.maxEnd = new Float64Array(n)
    for (let k = 0; k < n; k++) this.maxEnd[k] = Math.max(k ? this.maxEnd[k - 1] : Number.NEGATIVE_INFINITY, mentions[this.order[k]].end)
  }

  /** The first position in start order whose start is at least `at`. */
  private firstStartingAt(at: number): number {
    let [lo, hi] = [0, this.starts.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.starts[mid] < at) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Positions (ascending) of the mentions with from <= start and end <= to. */
  within(from: number, to: number): number[] {
    const out: number[] = []
    for (let k = this.firstStartingAt(from); k < this.starts.length && this.starts[k] <= to; k++) {
      const i = this.order[k]
      if (this.mentions[i].end <= to) out.push(i)
    }
    return out.sort((a, b) => a - b)
  }

  /** Positions (ascending) of the mentions that start in [from, to). */
  startingIn(from: number, to: number): number[] {
    const out: number[] = []
    for (let k = this.firstStartingAt(from); k < this.starts.length && this.starts[k] < to; k++) out.push(this.order[k])
    return out.sort((a, b) => a - b)
  }

  /** Whether any mention overlaps [from, to): start < to and from < end. */
  overlaps(from: number, to: number): boolean {
    const k = this.firstStartingAt(to) - 1
    return k >= 0 && this.maxEnd[k] > from
  }
}

const built = new WeakMap<readonly Span[], MentionIndex>()

/** The index of a mentions array, built once per array (an array must not change once indexed). */
export function mentionIndex(mentions: readonly Span[]): MentionIndex {
  let index = built.get(mentions)
  if (!index) {
    index = new MentionIndex(mentions)
    built.set(mentions, index)
  }
  return index
}

/** Whether a span lies inside one of `spans` (start <= from and to <= end): one sort, then a binary search per question. */
export function insideOneOf(spans: readonly Span[]): (from: number, to: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  const maxEnd: number[] = []
  for (const [k, s] of sorted.entries()) maxEnd.push(Math.max(k ? maxEnd[k - 1] : Number.NEGATIVE_INFINITY, s.end))
  return (from, to) => {
    let [lo, hi] = [0, sorted.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid].start <= from) lo = mid + 1
      else hi = mid
    }
    return lo > 0 && maxEnd[lo - 1] >= to
  }
}
