/** Overlap resolution shared by the normalizers: of candidates that share characters, the longest wins. */

export interface Extent {
  start: number
  end: number
}

type Tie<T> = (a: T, b: T) => number

/**
 * Keeps the longest of overlapping candidates; at equal length `tie` decides, then the earlier start,
 * then the order given. Returns the kept candidates in text order.
 *
 * Candidates only compete with those they overlap, directly or through a chain of overlaps, so the
 * text is cut into such clusters (one pass in start order) and the greedy choice is made within each:
 * most candidates overlap nothing, or one other candidate, and are decided without sorting anything.
 */
export function keepLongest<T extends Extent>(candidates: readonly T[], length: number, tie: Tie<T> = () => 0): T[] {
  const n = candidates.length
  // start * n + index orders by start, then by the order given, in one numeric sort
  const keys = new Float64Array(n)
  let inOrder = true
  for (let i = 0; i < n; i++) {
    const c = candidates[i]
    // an empty candidate takes no character, and one past the end none that is free: the plain greedy choice decides those
    if (!(c.end > c.start) || c.end > length || !Number.isSafeInteger(c.start * n + i)) return greedy(candidates, tie, length)
    keys[i] = c.start * n + i
    if (i > 0 && keys[i] < keys[i - 1]) inOrder = false
  }
  if (!inOrder) keys.sort()
  // the indices in that order, as integers
  const order = new Int32Array(n)
  for (let k = 0; k < n; k++) order[k] = keys[k] % n
  /** < 0 when candidate x is chosen before candidate y */
  const before = (x: number, y: number) => {
    const a = candidates[x]
    const b = candidates[y]
    return b.end - b.start - (a.end - a.start) || tie(a, b) || a.start - b.start || x - y
  }
  const kept: T[] = []
  for (let k = 0; k < n; ) {
    const first = order[k]
    let end = candidates[first].end
    let j = k + 1
    for (; j < n; j++) {
      const c = candidates[order[j]]
      if (c.start >= end) break
      if (c.end > end) end = c.end
    }
    if (j === k + 1) kept.push(candidates[first])
    else if (j === k + 2) {
      // two candidates that overlap: one wins
      const second = order[k + 1]
      kept.push(candidates[before(first, second) < 0 ? first : second])
    } else {
      const members: number[] = []
      for (let m = k; m < j; m++) members.push(order[m])
      for (const i of chooseInCluster(candidates, members, before)) kept.push(candidates[i])
    }
    k = j
  }
  return kept
}

/** The greedy choice within one cluster (members in start order): the indices kept, in start order. */
function chooseInCluster(candidates: readonly Extent[], members: number[], before: (x: number, y: number) => number): number[] {
  const order = [...members]
  if (order.length > 32) order.sort(before)
  else {
    // a cluster holds a few candidates (a date and the numerals inside it): a selection sort allocates nothing more
    for (let a = 0; a < order.length - 1; a++) {
      let best = a
      for (let b = a + 1; b < order.length; b++) if (before(order[b], order[best]) < 0) best = b
      const swap = order[a]
      order[a] = order[best]
      order[best] = swap
    }
  }
  const chosen: number[] = []
  for (const i of order) {
    const c = candidates[i]
    let free = true
    for (let k = 0; k < chosen.length && free; k++) free = !(candidates[chosen[k]].start < c.end && c.start < candidates[chosen[k]].end)
    if (free) chosen.push(i)
    if (chosen.length > 32) return chooseByCharacters(candidates, members, order)
  }
  return members.filter((i) => chosen.includes(i))
}

/** The greedy choice in `order` over a large cluster, marking taken characters: the indices kept, in start order. */
function chooseByCharacters(candidates: readonly Extent[], members: number[], order: number[]): number[] {
  const from = candidates[members[0]].start
  let to = from
  for (const i of members) to = Math.max(to, candidates[i].end)
  const taken = new Uint8Array(to - from)
  const chosen = new Set<number>()
  for (const i of order) {
    const c = candidates[i]
    let free = true
    for (let p = c.start; p < c.end && free; p++) free = taken[p - from] === 0
    if (!free) continue
    taken.fill(1, c.start - from, c.end - from)
    chosen.add(i)
  }
  return members.filter((i) => chosen.has(i))
}

/** The greedy choice over the whole list: longest first, each kept when its characters are still free. */
function greedy<T extends Extent>(candidates: readonly T[], tie: Tie<T>, length: number): T[] {
  const order = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || tie(a, b) || a.start - b.start)
  const taken = new Uint8Array(length)
  const kept: T[] = []
  for (const c of order) {
    let free = true
    for (let i = c.start; i < c.end && free; i++) free = taken[i] === 0
    if (!free) continue
    taken.fill(1, c.start, c.end)
    kept.push(c)
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end)
}
