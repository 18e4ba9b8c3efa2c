import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import conventions from '../pipeline/normalize/date-conventions.json' with { type: 'json' }
import { ROOT } from '../pipeline/store/layout.ts'

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const makefile = fs.readFileSync(path.join(ROOT, 'Makefile'), 'utf8')

/** The text of a `## ` or `### ` section, from its heading to the next heading of any level. */
function section(heading: string): string {
  const start = readme.indexOf(`${heading}\n`)
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`)
  const rest = readme.slice(start + heading.length + 1)
  const next = rest.search(/^#{1,6} /m)
  return next < 0 ? rest : rest.slice(0, next)
}

/** The rows of the date-conventions table, keyed by column name; alternatives in a cell are split on " / ". */
const conventionRows = (() => {
  const lines = section(`### Date conventions (version ${conventions.version}, \`pipeline/normalize/date-conventions.json\`)`)
    .split('\n')
    .filter((l) => l.startsWith('|'))
  const cells = (l: string) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim())
  const names = cells(lines[0])
  return lines.slice(2).map((l) => Object.fromEntries(cells(l).map((c, i) => [names[i], c.split(' / ')])) as Record<string, string[]>)
})()

/** The row that lists `word` among its expressions, and which of the " / " alternatives it is. */
function rowOf(word: string): { row: Record<string, string[]>; at: (column: string) => string } {
  for (const row of conventionRows) {
    const i = row.expression.findIndex((alt) => alt.split(/,\s*/).includes(word))
    // a cell with one value holds for every alternative of the row
    if (i >= 0) return { row, at: (column) => (row[column].length === 1 ? row[column][0] : row[column][i]) }
  }
  throw new Error(`the date-conventions table of README.md has no row for ${word}`)
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const shownQualifier = (q: string | null) => q ?? '–'

describe('the README documents what the code does', () => {
  it('states the version of the date conventions the normalizers read', () => {
    expect(readme).toContain(`### Date conventions (version ${conventions.version},`)
  })

  it.each(Object.entries(conventions.parts_of_month))('lists %s with the days and qualifier the normalizers use', (word, c) => {
    const { at } = rowOf(word)
    expect([word, at('precision'), at('qualifier')]).toEqual([word, 'part_of_month', shownQualifier(c.qualifier)])
    const [first, last] = c.days
    const days = at('days')
    expect([word, days.match(/\d+/g)?.map(Number)]).toEqual([word, last === 'last' ? [first] : [first, last]])
    expect([word, /\bend\b/.test(days)]).toEqual([word, last === 'last'])
  })

  const partsOfYear = conventions.parts_of_year as Record<string, { months: number[]; precision: string; qualifier: string | null }>
  it.each(['年初', '年中', '年底', '年末', '上半年', '下半年', '伊始'])('lists %s with the months, precision and qualifier the normalizers use', (word) => {
    const c = partsOfYear[word]
    const { at } = rowOf(word)
    expect([word, at('precision'), at('qualifier')]).toEqual([word, c.precision, shownQualifier(c.qualifier)])
    for (const m of c.months) expect([word, at('days')]).toEqual([word, expect.stringContaining(MONTHS[m - 1])])
  })

  it('shows the two commands, each a target of the Makefile', () => {
    const block = section('## Two commands').match(/```sh\n([\s\S]*?)```/)?.[1] ?? ''
    const commands = block
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/\s*#.*$/, ''))
    expect(commands).toEqual(['make dataset', 'make test'])
    for (const c of commands) expect(makefile).toMatch(new RegExp(`^${c.split(' ')[1]}:.*## `, 'm'))
  })

  it('names only make targets the Makefile has', () => {
    const named = [...readme.matchAll(/`make ([a-z][a-z-]*)/g)].map((m) => m[1])
    expect(named.length).toBeGreaterThan(5)
    const targets = new Set([...makefile.matchAll(/^([a-z][a-z-]*):/gm)].map((m) => m[1]))
    expect(named.filter((t) => !targets.has(t))).toEqual([])
  })
})
