/**
 * A section of the repository README as HTML, for the page to show what the README says without
 * retyping it (the date conventions: test/readme.test.ts holds that table to the normalizers' file).
 * Only the Markdown the section uses: paragraphs, pipe tables, "- " lists, `code` and **bold**;
 * everything else is escaped text.
 */
import { escapeHtml as esc } from './html.ts'

/** The body of the `### ` (or `## `) section whose heading starts with `heading`, up to the next heading. */
export function readmeSection(readme: string, heading: string): { title: string; body: string } | null {
  const lines = readme.split('\n')
  const start = lines.findIndex((l) => /^#{2,3} /.test(l) && l.replace(/^#+ /, '').startsWith(heading))
  if (start < 0) return null
  const end = lines.findIndex((l, i) => i > start && /^#{1,6} /.test(l))
  return { title: lines[start].replace(/^#+ /, ''), body: lines.slice(start + 1, end < 0 ? undefined : end).join('\n') }
}

/** Inline Markdown: `code` and **bold**, the rest escaped. */
export function inlineHtml(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${esc(part.slice(1, -1))}</code>`
        : esc(part).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>'),
    )
    .join('')
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim())

/** Block Markdown of one section: blank-line separated paragraphs, pipe tables, "- " lists with indented continuation lines. */
export function markdownToHtml(body: string): string {
  const out: string[] = []
  const blocks = body.trim().split(/\n\s*\n/)
  for (const block of blocks) {
    const lines = block.split('\n')
    if (lines[0].startsWith('|') && lines.length >= 2 && /^\|[\s:|-]+\|$/.test(lines[1].trim())) {
      const head = cells(lines[0])
        .map((c) => `<th scope="col">${inlineHtml(c)}</th>`)
        .join('')
      const rows = lines
        .slice(2)
        .map(
          (l) =>
            `<tr>${cells(l)
              .map((c, i) => `<td data-label="${esc(cells(lines[0])[i] ?? '')}">${inlineHtml(c)}</td>`)
              .join('')}</tr>`,
        )
        .join('\n')
      out.push(`<div class="scroll"><table class="stack"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`)
    } else if (lines[0].startsWith('- ')) {
      const items: string[] = []
      for (const l of lines) {
        if (l.startsWith('- ')) items.push(l.slice(2))
        else items[items.length - 1] += ` ${l.trim()}`
      }
      out.push(`<ul>\n${items.map((i) => `<li>${inlineHtml(i)}</li>`).join('\n')}\n</ul>`)
    } else {
      out.push(`<p>${inlineHtml(lines.map((l) => l.trim()).join(' '))}</p>`)
    }
  }
  return out.join('\n')
}
