/**
 * Builds from a raw/ folder into temporary out/ folders, hands out the run's shared build of the first
 * article, and snapshots folders for before/after comparisons. The stages' log (stderr) is kept out of
 * the test output (quietly, in run.ts): the message of a build that fails ends with it.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { inject } from 'vitest'
import { main as buildDataset } from '../../pipeline/build.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { listSources } from '../../pipeline/store/sources.ts'
import { logged, quietly, tempDir } from './run.ts'

export { quietly, tempDir } from './run.ts'
export { SEED } from './shared-build.ts'
export const REAL_RAW = path.join(ROOT, 'raw')

/** A copy of a raw/ folder (the repository's by default) that a test may change. */
export function copyRaw(into = tempDir('raw'), from = REAL_RAW): string {
  fs.cpSync(from, into, { recursive: true })
  return into
}

/** The whole build (pipeline/build.ts, what `make dataset` runs) on a raw/ folder into a temporary out/ folder, quietly. */
export function build(raw: string, out: string): Promise<string> {
  return quietly(() => buildDataset({ raw, build: path.join(out, 'build'), out: path.join(out, 'dataset') }))
}

/** build, and the stages' log (stderr), for a test that reads what a stage did. */
export function buildLogged(raw: string, out: string): Promise<{ result: string; log: string }> {
  return logged(() => buildDataset({ raw, build: path.join(out, 'build'), out: path.join(out, 'dataset') }))
}

/** make dataset's signature of its inputs (input-signature.sh) for a raw/ folder, into `sig` (and its list beside it). */
export function signInputs(raw: string, sig: string) {
  return spawnSync('bash', ['pipeline/store/input-signature.sh', sig], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, RAW_DIR: raw } })
}

/**
 * The build as `make dataset` runs it: the signature of the inputs first (input-signature.sh, which lists raw/ in
 * <build>/inputs.entries), then the build with that list, so that the per-article stages look only at what changed;
 * with the stages' log; `afterSigning` changes raw/ between the two, as an edit during a build would. (make itself
 * would not run the build when the signature is unchanged.)
 */
export function buildAsMake(raw: string, out: string, afterSigning: () => void = () => {}): Promise<{ result: string; log: string }> {
  const build = path.join(out, 'build')
  const sign = signInputs(raw, path.join(build, 'inputs.sig'))
  if (sign.status !== 0) throw new Error(`input-signature.sh failed: ${sign.stderr}`)
  afterSigning()
  return logged(() => buildDataset({ raw, build, out: path.join(out, 'dataset') }, '', path.join(build, 'inputs.entries')))
}

export interface SharedBuild {
  /** raw/ with the first article and the entity list */
  raw: string
  /** the build's out/ folder: build/ (the stages' outputs) and dataset/ */
  out: string
  dataset: string
}

/**
 * The first article built once per run (test/helpers/shared-build.ts, a globalSetup). Read it, never
 * change it: other test files read it too. copyShared() gives a copy to change.
 */
export function sharedBuild(): SharedBuild {
  const shared = inject('sharedBuild')
  if (!shared) throw new Error("no shared build in this vitest project: a test file that needs one is not for 'unit' (vitest.config.ts)")
  const { dir, failure } = shared
  if (failure) throw new Error(failure)
  return { raw: path.join(dir, 'raw'), out: dir, dataset: path.join(dir, 'dataset') }
}

/**
 * A copy of the shared build that a test may change: its raw/, then its build/ and dataset/, copied in
 * that order so that `make dataset` finds the dataset newer than its sources, as after a real build.
 */
export function copyShared(): { raw: string; out: string } {
  const shared = sharedBuild()
  const raw = copyRaw(tempDir('raw'), shared.raw)
  const out = tempDir('out')
  for (const folder of ['build', 'dataset']) fs.cpSync(path.join(shared.out, folder), path.join(out, folder), { recursive: true })
  return { raw, out }
}

/** Every file of a folder with the sha256 of its bytes, for before/after comparisons. */
export function snapshot(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {}
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, sha256(fs.readFileSync(path.join(dir, f)))]),
  )
}

/** Every file under a folder, subfolders and links included, by relative path, with the sha256 of its bytes. */
export function snapshotTree(dir: string): Record<string, string> {
  const names = (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort()
  return Object.fromEntries(names.map((f) => [f, sha256(fs.readFileSync(path.join(dir, f)))]))
}

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus')

/** The first ten articles of the development corpus (text and metadata alone: the machine tier drafts their records) and its entity list, in a new raw/ folder. */
export function machineCorpus(name: string): string {
  const raw = tempDir(name)
  fs.copyFileSync(path.join(CORPUS, 'entities.json'), path.join(raw, 'entities.json'))
  for (const id of listSources(CORPUS).slice(0, 10)) {
    fs.mkdirSync(path.join(raw, id))
    for (const f of ['article.txt', 'source.json']) fs.copyFileSync(path.join(CORPUS, id, f), path.join(raw, id, f))
  }
  return raw
}
