import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateTypes, TYPES_FILE } from '../../pipeline/cli/types.ts'

describe('the TypeScript types generated from schemas/', () => {
  it('are up to date (run make types after changing a schema)', () => {
    expect(fs.readFileSync(TYPES_FILE, 'utf8')).toBe(generateTypes())
  })

  it('carry each property description as documentation', () => {
    expect(generateTypes()).toContain('/** Exact text of the article. */\n  quote: string')
  })
})
