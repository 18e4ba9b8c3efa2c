import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../pipeline/store/layout.ts'
import { SEED, sharedBuild } from './helpers/build.ts'

/**
 * Golden files: what the per-source stages make of the first article, committed in test/golden/ and
 * reviewed as diffs. A change to a normalizer, the annotations or the entity list that moves any
 * mention or record fails here until `npx vitest run test/golden.test.ts -u` rewrites the files and
 * the diff is read. A missing golden file fails as well, in CI or not (vitest.config.ts sets update
 * to 'none'; vitest's default writes it and passes): check with
 *   rm test/golden/02-extract/*.json && npx vitest run test/golden.test.ts   # fails: "no golden file ..."
 *   git checkout test/golden
 * Only the first article is built, so adding articles does not touch them.
 */
const GOLDEN = path.join(ROOT, 'test', 'golden')

describe('the first article, stage by stage', () => {
  it.each(['02-extract', '03-assemble'])('%s writes what its golden file holds', async (stage) => {
    const made = fs.readFileSync(path.join(sharedBuild().out, 'build', stage, `${SEED}.json`), 'utf8')
    const golden = path.join(GOLDEN, stage, `${SEED}.json`)
    const hint = fs.existsSync(golden) ? undefined : `no golden file ${path.relative(ROOT, golden)}: write it with -u and review it`
    await expect(made).toMatchFileSnapshot(golden, hint)
  })
})
