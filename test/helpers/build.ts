/** Builds from a raw/ folder into temporary out/ folders, and snapshots folders for before/after comparisons. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { main as buildDataset } from '../../pipeline/build.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { ROOT } from '../../pipeline/store/layout.ts'

export const REAL_RAW = path.join(ROOT, 'raw')

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fengkou-${prefix}-`))
}

/** A copy of raw/ that a test may change. */
export function copyRaw(into = tempDir('raw')): string {
  fs.cpSync(REAL_RAW, into, { recursive: true })
  return into
}

/** The whole build (pipeline/build.ts, what `make dataset` runs) on a raw/ folder into a temporary out/ folder. */
export function build(raw: string, out: string): Promise<string> {
  return buildDataset({ raw, build: path.join(out, 'build'), out: path.join(out, 'dataset') })
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
