/** Overlap resolution shared by the normalizers: of candidates that share characters, the longest wins. */

export interface Extent {
  start: number
  end: number
}

/**
 * Keeps the longest of overlapping candidates; at equal length `tie` decides, then the earlier start,
 * then the order given. Returns the kept candidates in text order.
 */
export function keepLongest<T extends Extent>(candidates: readonly T[], length: number, tie: (a: T, b: T) => number = () => 0): T[] {
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
