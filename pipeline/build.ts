/**
 * build: the six stages in order, in one Node process: raw/ -> out/build/<stage>/ -> out/dataset/.
 * `make dataset` runs this. Each stage skips what its manifest says is current, so running them in
 * one process costs one start-up (about 0.4 s with tsx and the modules) instead of six; each stage
 * still runs alone with the same options, as `node --import tsx pipeline/NN-x.ts --<option> <path>`.
 *   node --import tsx pipeline/build.ts --raw raw --build out/build --out out/dataset
 */
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { main as ingest } from './01-ingest.ts'
import { main as extract } from './02-extract.ts'
import { main as assemble } from './03-assemble.ts'
import { main as validate } from './04-validate.ts'
import { main as model } from './05-model.ts'
import { main as exportDataset } from './06-export.ts'
import { isMain, log, runStage, StageError } from './lib/io.ts'

export interface Stage {
  name: string
  /** the stage's script, relative to the repository, for running it alone */
  script: string
  options: Record<string, string>
  run: () => Promise<void>
}

function stage<O extends Record<string, string>>(name: string, main: (options: O) => Promise<void>, options: O): Stage {
  return { name, script: `pipeline/${name}.ts`, options, run: () => main(options) }
}

/** The stages with the folders each reads and writes: the one place the build's layout is written down. */
export function stages({ raw, build, out }: { raw: string; build: string; out: string }): Stage[] {
  const dir = (name: string) => path.join(build, name)
  const entities = path.join(raw, 'entities.json')
  const duckdb = path.join(dir('05-model'), 'dataset.duckdb')
  return [
    stage('01-ingest', ingest, { raw, out: dir('01-ingest') }),
    stage('02-extract', extract, { input: dir('01-ingest'), entities, out: dir('02-extract') }),
    stage('03-assemble', assemble, { ingest: dir('01-ingest'), extract: dir('02-extract'), raw, entities, out: dir('03-assemble') }),
    stage('04-validate', validate, { build, entities, out: dir('04-validate') }),
    stage('05-model', model, { input: dir('04-validate'), out: duckdb }),
    stage('06-export', exportDataset, { model: duckdb, out }),
  ]
}

/** Runs every stage; the first failure stops the build, named by its stage, and out/dataset is only replaced by a complete export. */
export async function main(folders: { raw: string; build: string; out: string }): Promise<string> {
  for (const s of stages(folders)) {
    const t = performance.now()
    try {
      await s.run()
    } catch (err) {
      throw new StageError(s.name, err as Error)
    }
    if (process.env.FENGKOU_STAGE_TIMES) log(s.name, `${((performance.now() - t) / 1000).toFixed(2)} s`)
  }
  return folders.out
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      raw: { type: 'string', default: 'raw' },
      build: { type: 'string', default: 'out/build' },
      out: { type: 'string', default: 'out/dataset' },
    },
  })
  runStage('build', () => main(values as { raw: string; build: string; out: string }).then(() => undefined))
}
