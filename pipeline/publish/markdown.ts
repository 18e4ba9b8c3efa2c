/**
 * Writing curated text into generated Markdown (a release's README.md and CHANGELOG.md): text
 * is shown as written, never read as HTML or Markdown, so a <script> or an [x](javascript:...)
 * in a title or a changed value renders as those characters.
 */

/** Text safe in Markdown prose and table cells: HTML's & < > as entities, Markdown's punctuation escaped, one line. */
export function mdText(s: string | null | undefined): string {
  return (s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]()!|#~]/g, '\\$&')
    .replace(/\s*[\r\n]+\s*/g, ' ')
}

/** A code span that the text cannot close: a fence longer than any run of backticks inside it. */
export function mdCode(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const one = s.replace(/[\r\n]+/g, ' ')
  return longest ? `${fence} ${one} ${fence}` : `${fence}${one}${fence}`
}
