/** Runs the six stages in-process on a raw/ folder, as the Makefile does, into a temporary out/ folder. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { main as ingest } from '../../pipeline/01-ingest.ts'
import { main as extract } from '../../pipeline/02-extract.ts'
import { main as assemble } from '../../pipeline/03-assemble.ts'
import { main as validate } from '../../pipeline/04-validate.ts'
import { main as model } from '../../pipeline/05-model.ts'
import { main as exportDataset } from '../../pipeline/06-export.ts'
import { sha256 } from '../../pipeline/lib/io.ts'
import { ROOT } from '../../pipeline/lib/paths.ts'

export const REAL_RAW = path.join(ROOT, 'raw')

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fengkou-${prefix}-`))
}

/** A copy of raw/ that a test may change. */
export function copyRaw(into = tempDir('raw')): string {
  fs.cpSync(REAL_RAW, into, { recursive: true })
  return into
}

export async function build(raw: string, out: string): Promise<string> {
  const b = path.join(out, 'build')
  const entities = path.join(raw, 'entities.json')
  await ingest({ raw, out: path.join(b, '01-ingest') })
  await extract({ input: path.join(b, '01-ingest'), entities, out: path.join(b, '02-extract') })
  await assemble({ ingest: path.join(b, '01-ingest'), extract: path.join(b, '02-extract'), raw, entities, out: path.join(b, '03-assemble') })
  await validate({ build: b, entities, out: path.join(b, '04-validate') })
  await model({ input: path.join(b, '04-validate'), out: path.join(b, '05-model', 'dataset.duckdb') })
  await exportDataset({ model: path.join(b, '05-model', 'dataset.duckdb'), out: path.join(out, 'dataset') })
  return path.join(out, 'dataset')
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
