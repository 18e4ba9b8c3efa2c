import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, REAL_RAW, tempDir } from './helpers/build.ts'

/**
 * Golden files: what the per-source stages make of the first article, committed in test/golden/ and
 * reviewed as diffs. A change to a normalizer, the annotations or the entity list that moves any
 * mention or record fails here until `npx vitest run test/golden.test.ts -u` rewrites the files and
 * the diff is read. Only the first article is built, so adding articles does not touch them.
 */
const SEED = '000_2e1e9aed17e7acf1'
let out: string
beforeAll(async () => {
  const raw = tempDir('golden-raw')
  fs.cpSync(path.join(REAL_RAW, SEED), path.join(raw, SEED), { recursive: true })
  fs.copyFileSync(path.join(REAL_RAW, 'entities.json'), path.join(raw, 'entities.json'))
  out = tempDir('golden-out')
  await build(raw, out)
})

describe('the first article, stage by stage', () => {
  it.each(['02-extract', '03-assemble'])('%s writes what its golden file holds', async (stage) => {
    const made = fs.readFileSync(path.join(out, 'build', stage, `${SEED}.json`), 'utf8')
    await expect(made).toMatchFileSnapshot(path.join('golden', stage, `${SEED}.json`))
  })
})
