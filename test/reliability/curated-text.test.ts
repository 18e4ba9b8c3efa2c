/**
 * Issue 13, cases 8, 9 and 14 (curated text): what a spreadsheet would run as a formula, markup
 * and other URL schemes, and text beyond the documented limits are refused with file, line and pointer.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { datasetCard } from '../../pipeline/publish/dataset-card.ts'
import { diffMarkdown } from '../../pipeline/publish/row-changes.ts'
import { RAW_DIR } from '../../pipeline/store/layout.ts'
import { ingest, MAX_ARTICLE_BYTES } from '../../pipeline/store/sources.ts'
import { build, copyRaw, tempDir } from '../helpers/build.ts'

const SEED = '000_2e1e9aed17e7acf1'

/** Copies raw/, replaces `from` by `to` in one file, and expects the build to fail with `message` (given the edited line's number). */
async function expectRefused(file: string, from: string, to: string, message: (line: number) => RegExp) {
  const raw = copyRaw()
  const p = path.join(raw, file)
  const text = fs.readFileSync(p, 'utf8')
  if (!text.includes(from)) throw new Error(`test setup: ${from} not in ${file}`)
  const edited = text.replace(from, to)
  fs.writeFileSync(p, edited)
  const line = edited.slice(0, edited.indexOf(to)).split('\n').length
  await expect(build(raw, tempDir('out'))).rejects.toThrow(message(line))
}

const FORMULA = /text may not begin with =, \+, -, @, a tab or a carriage return \(a spreadsheet would run the cell as a formula/

describe('text a spreadsheet would run as a formula', () => {
  it.each([['=HYPERLINK("http://example.org","x")'], ['+1+1'], ['-2+3'], ['@SUM(A1)'], ['\tElon Musk']])('is refused in an entity name: %j', async (name) => {
    await expectRefused(
      'entities.json',
      '"name_en": "Elon Musk"',
      `"name_en": ${JSON.stringify(name)}`,
      (line) => new RegExp(`entities\\.json:${line} /entities/0/name_en\\n  ${FORMULA.source}`),
    )
  })

  it('is refused in a summary, naming the annotation line', async () => {
    await expectRefused(
      path.join(SEED, 'annotations.yaml'),
      'summary_en: OpenAI is founded as a non-profit',
      'summary_en: =1+1 OpenAI is founded as a non-profit',
      (line) => new RegExp(`annotations\\.yaml:${line} /events/0/summary_en\\n  ${FORMULA.source}`),
    )
  })

  it('is refused in the source metadata', async () => {
    await expectRefused(
      path.join(SEED, 'source.json'),
      '"publisher": null',
      '"publisher": "@evil"',
      (line) => new RegExp(`source\\.json:${line} /publisher\\n  ${FORMULA.source}`),
    )
  })
})

describe('markup in published metadata', () => {
  it('shows HTML and Markdown in a title and a changed value as text in README.md and CHANGELOG.md', () => {
    const card = datasetCard({
      version: '1.0.0',
      created: '2026-01-02T03:04:05Z',
      counts: {},
      machine: {},
      sources: [
        { source_id: 's1', title: '<script>alert(1)</script>', publisher: '<img src=x onerror=alert(1)>', url: 'https://example.org/a', published_on: '' },
      ],
      changelogHead: '',
    })
    expect(card).not.toMatch(/<script|<img/)
    expect(card).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt;')
    const md = diffMarkdown({
      required: 'patch',
      schema: [],
      tables: [
        {
          table: 'events',
          added: [],
          removed: [],
          changed: [{ key: 'e1`<b>', column: 'summary_en', old: 'a', new: '[x](javascript:alert(1)) <img onerror=alert(1)>' }],
        },
      ],
    } as never)
    expect(md).not.toMatch(/<img|\]\(javascript/)
    expect(md).toContain('- changed `` e1`<b> `` summary_en: "a" → "\\[x\\]\\(javascript:alert\\(1\\)\\) &lt;img onerror=alert\\(1\\)&gt;"')
  })

  it('refuses a source URL that is not http(s), such as javascript:', async () => {
    await expectRefused(
      path.join(SEED, 'source.json'),
      '"url": null',
      '"url": "javascript:alert(1)"',
      (line) => new RegExp(`source\\.json:${line} /url\\n  expected an http:// or https:// address`),
    )
  })
})

describe('limits', () => {
  it('refuses a 100,000-character summary, naming the annotation line', async () => {
    await expectRefused(
      path.join(SEED, 'annotations.yaml'),
      'summary_en: OpenAI is founded as a non-profit',
      `summary_en: ${'long '.repeat(20000)}OpenAI is founded as a non-profit`,
      (line) => new RegExp(`annotations\\.yaml:${line} /events/0/summary_en\\n  expected: must NOT have more than 1000 characters`),
    )
  })

  it.each([
    ['a NUL byte', '\u0000', 'U+0000'],
    ['an escape character', '\u001b[31m', 'U+001B'],
    ['a C1 control', '\u0085', 'U+0085'],
  ])('refuses %s in an article, naming the file, line and column', async (_, bad, code) => {
    const raw = copyRaw()
    const file = path.join(raw, SEED, 'article.txt')
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    lines[2] = `${lines[2].slice(0, 4)}${bad}${lines[2].slice(4)}`
    fs.writeFileSync(file, lines.join('\n'))
    await expect(build(raw, tempDir('out'))).rejects.toThrow(
      new RegExp(
        `article\\.txt:3 \\(document\\)\\n  control character ${code.replace('+', '\\+')} at column 5 \\(expected text: no control characters but tab, LF and CR\\)`,
      ),
    )
  })

  it('accepts tabs and CRLF line ends in an article', async () => {
    const raw = copyRaw()
    const file = path.join(raw, SEED, 'article.txt')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n').replace('原文标题', '\t原文标题'))
    await expect(build(raw, tempDir('out'))).resolves.toMatch(/dataset$/)
  })

  it('refuses an article over 10 MB with its size, before reading it', async () => {
    const raw = copyRaw()
    const file = path.join(raw, SEED, 'article.txt')
    fs.appendFileSync(file, '字'.repeat(3_500_000))
    await expect(build(raw, tempDir('out'))).rejects.toThrow(/article\.txt \(document\)\n {2}the article is 10\d{6} bytes \(expected at most 10485760, 10 MB/)
  })

  it('refuses an oversized article when ingest is handed its bytes', () => {
    const bytes = new Uint8Array(MAX_ARTICLE_BYTES + 1)
    expect(() => ingest(JSON.parse(fs.readFileSync(path.join(RAW_DIR, SEED, 'source.json'), 'utf8')), bytes, 'raw/x/article.txt')).toThrow(
      /raw\/x\/article\.txt \(document\)\n {2}the article is 10485761 bytes \(expected at most 10485760/,
    )
  })
})
