import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import conventions from '../pipeline/normalize/date-conventions.json' with { type: 'json' }
import { ROOT } from '../pipeline/store/layout.ts'

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')

describe('the README documents what the code does', () => {
  it('states the version of the date conventions the normalizers read', () => {
    expect(readme).toContain(`### Date conventions (version ${conventions.version},`)
  })

  it.each(Object.keys(conventions.parts_of_month))('lists the convention for %s', (word) => {
    expect(readme).toMatch(new RegExp(`\\|[^|\\n]*${word}[^|\\n]*\\|`))
  })

  it.each(['年初', '年中', '年底', '年末', '上半年', '下半年', '伊始'])('lists the convention for %s', (word) => {
    expect(readme).toMatch(new RegExp(`\\|[^|\\n]*${word}[^|\\n]*\\|`))
  })

  it('shows the two commands', () => {
    expect(readme).toContain('make dataset')
    expect(readme).toContain('make test')
  })
})
