import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { inlineHtml, markdownToHtml, readmeSection } from '../../pipeline/publish/readme-section.ts'
import { ROOT } from '../../pipeline/store/layout.ts'

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')

describe('a README section as HTML', () => {
  it('finds a section by the start of its heading and stops at the next heading', () => {
    const s = readmeSection('# A\n## One (v1)\ntext\n### Two\nmore\n', 'One')
    expect(s).toEqual({ title: 'One (v1)', body: 'text' })
    expect(readmeSection('# A\n', 'Missing')).toBeNull()
  })

  it('escapes everything but code and bold', () => {
    expect(inlineHtml('a <b> & `x<y>` **z**')).toBe('a &lt;b&gt; &amp; <code>x&lt;y&gt;</code> <strong>z</strong>')
  })

  it('renders tables, lists with continued lines, and paragraphs', () => {
    const html = markdownToHtml('Intro\nline.\n\n| a | b |\n|---|---|\n| 1 | `2` |\n\n- one\n  two\n- three')
    expect(html).toBe(
      [
        '<p>Intro line.</p>',
        '<div class="scroll"><table class="stack"><thead><tr><th scope="col">a</th><th scope="col">b</th></tr></thead><tbody>',
        '<tr><td data-label="a">1</td><td data-label="b"><code>2</code></td></tr>',
        '</tbody></table></div>',
        '<ul>\n<li>one two</li>\n<li>three</li>\n</ul>',
      ].join('\n'),
    )
  })

  it('gives the README’s date conventions table one row per row, each expression kept', () => {
    const section = readmeSection(readme, 'Date conventions')
    expect(section).not.toBeNull()
    const mdRows = section!.body
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .slice(2)
    const html = markdownToHtml(section!.body)
    const htmlRows = html.match(/<tr><td/g) ?? []
    expect(htmlRows.length).toBe(mdRows.length)
    for (const l of mdRows) expect(html).toContain(`>${inlineHtml(l.split('|')[1].trim())}</td>`)
  })
})
