/**
 * Every occurrence of many strings in one long text, without scanning the text once per string: a
 * suffix array of the text's UTF-16 units (prefix doubling with counting sorts, O(n log n) time and
 * four integer arrays of the text's length), built on the first query; each query is a binary search
 * (O(|query| log n)) plus its hits. Below `threshold` units a text is searched with indexOf: sorting
 * a news article's suffixes costs more than the few scans it saves. Answers are cached per string.
 */

/** The suffix array of `s`: the start of every suffix, in the order of the suffixes (by UTF-16 unit). */
export function suffixArray(s: string): Int32Array {
  const n = s.length
  const sa = new Int32Array(n)
  let rank = new Int32Array(n)
  let next = new Int32Array(n)
  let classes = 65536
  const count = new Int32Array(Math.max(classes, n) + 1)
  for (let i = 0; i < n; i++) {
    rank[i] = s.charCodeAt(i)
    count[rank[i]]++
  }
  for (let c = 1; c < classes; c++) count[c] += count[c - 1]
  for (let i = n - 1; i >= 0; i--) sa[--count[rank[i]]] = i
  // ranks of the first character, renumbered densely
  let r = 0
  for (let i = 0; i < n; i++) next[sa[i]] = i > 0 && s.charCodeAt(sa[i]) !== s.charCodeAt(sa[i - 1]) ? ++r : r
  ;[rank, next] = [next, rank]
  classes = r + 1
  for (let k = 1; classes < n; k <<= 1) {
    // by the second half first (suffixes shorter than k have none and come first), then a stable sort by the first
    let p = 0
    for (let i = n - k; i < n; i++) next[p++] = i
    for (let i = 0; i < n; i++) if (sa[i] >= k) next[p++] = sa[i] - k
    count.fill(0, 0, classes)
    for (let i = 0; i < n; i++) count[rank[i]]++
    for (let c = 1; c < classes; c++) count[c] += count[c - 1]
    for (let i = n - 1; i >= 0; i--) sa[--count[rank[next[i]]]] = next[i]
    const second = (i: number) => (i + k < n ? rank[i + k] : -1)
    r = 0
    next[sa[0]] = 0
    for (let i = 1; i < n; i++) {
      const [a, b] = [sa[i - 1], sa[i]]
      next[b] = rank[a] === rank[b] && second(a) === second(b) ? r : ++r
    }
    ;[rank, next] = [next, rank]
    classes = r + 1
  }
  return sa
}

/** Compares `q` with the text at `at`, on q's length only: negative when q sorts first, 0 when the text starts with q there. */
function compareAt(text: string, at: number, q: string): number {
  for (let j = 0; j < q.length; j++) {
    if (at + j >= text.length) return 1
    const d = q.charCodeAt(j) - text.charCodeAt(at + j)
    if (d !== 0) return d
  }
  return 0
}

export class SubstringIndex {
  private sa: Int32Array | undefined
  private readonly cache = new Map<string, readonly number[]>()

  constructor(
    readonly text: string,
    private readonly threshold = 1 << 16,
  ) {}

  /** Every start (UTF-16 units, ascending, overlapping ones included) of `q` in the text, as indexOf would find them one by one. */
  occurrences(q: string): readonly number[] {
    const cached = this.cache.get(q)
    if (cached) return cached
    const out = q === '' || this.text.length < this.threshold ? this.scan(q) : this.search(q)
    this.cache.set(q, out)
    return out
  }

  private scan(q: string): number[] {
    const out: number[] = []
    for (let i = this.text.indexOf(q); i >= 0; i = this.text.indexOf(q, i + 1)) out.push(i)
    return out
  }

  private search(q: string): number[] {
    this.sa ??= suffixArray(this.text)
    const sa = this.sa
    const bound = (upper: boolean) => {
      let [lo, hi] = [0, sa.length]
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        const c = compareAt(this.text, sa[mid], q)
        if (c > 0 || (upper && c === 0)) lo = mid + 1
        else hi = mid
      }
      return lo
    }
    const [from, to] = [bound(false), bound(true)]
    return Array.from(sa.subarray(from, to)).sort((a, b) => a - b)
  }
}

let last: SubstringIndex | undefined

/** The index of `text`, kept for the last text asked about (a stage works on one article at a time). */
export function substringIndex(text: string): SubstringIndex {
  if (last?.text !== text) last = new SubstringIndex(text)
  return last
}
