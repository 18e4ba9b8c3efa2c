import { defineConfig } from 'vitest/config'

/** The tests that build no dataset, start no process and no browser: `make test-unit` runs these alone, in seconds. */
const UNIT = [
  'test/normalize/**/*.test.ts',
  'test/curate/**/*.test.ts',
  'test/store/**/*.test.ts',
  'test/publish/**/*.test.ts',
  'test/architecture.test.ts',
  'test/readme.test.ts',
  'test/examples.test.ts',
  'test/cli/types.test.ts',
  'test/cli/candidates.test.ts',
  'test/cli/add.test.ts',
]

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // a missing golden file fails (vitest writes it unless CI is set); `vitest run -u` still rewrites them
    update: 'none',
    projects: [
      // pure code with no state between files: one process per worker for all of them, not one per file (a third of the CPU time)
      { extends: true, test: { name: 'unit', include: UNIT, isolate: false } },
      {
        extends: true,
        test: { name: 'build', include: ['test/**/*.test.ts'], exclude: UNIT, globalSetup: ['test/helpers/shared-build.ts'] },
      },
    ],
  },
})
