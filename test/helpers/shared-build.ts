/**
 * vitest globalSetup of the tests that read a built dataset: builds the first article once per run, with
 * `node --import tsx pipeline/build.ts` (what `make dataset` runs), into a temporary folder holding raw/
 * (the article and the entity list), build/ and dataset/. Tests read it through sharedBuild() in
 * test/helpers/build.ts and copy it before changing anything. The stages' log is kept out of the test
 * output; when the build fails, each test that reads it fails with that log.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { ROOT } from '../../pipeline/store/layout.ts'

export const SEED = '000_2e1e9aed17e7acf1'

declare module 'vitest' {
  export interface ProvidedContext {
    /** the folder holding raw/, build/ and dataset/ of the first article, or why it could not be built */
    sharedBuild: { dir: string; failure: string | null }
  }
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-shared-'))
  const raw = path.join(dir, 'raw')
  fs.mkdirSync(raw)
  fs.cpSync(path.join(ROOT, 'raw', SEED), path.join(raw, SEED), { recursive: true })
  fs.copyFileSync(path.join(ROOT, 'raw', 'entities.json'), path.join(raw, 'entities.json'))
  const args = ['--import', 'tsx', 'pipeline/build.ts', '--raw', raw, '--build', path.join(dir, 'build'), '--out', path.join(dir, 'dataset')]
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' })
  const failure =
    run.status === 0 ? null : `the shared build of the first article failed (exit ${run.status ?? run.signal}):\n${run.stderr}${run.error?.message ?? ''}`
  project.provide('sharedBuild', { dir, failure })
  return () => fs.rmSync(dir, { recursive: true, force: true })
}
