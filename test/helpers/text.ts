/** Slices by code point offsets, as Python's text[a:b] does: how a dataset user reads a mention's offsets. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('')
}
