/**
 * build: the six stages in order, in one Node process: raw/ -> out/build/<stage>/ -> out/dataset/.
 * `make dataset` runs this. Each stage skips what its manifest says is current, so running them in
 * one process costs one start-up (about 0.4 s with tsx and the modules) instead of six; each stage
 * still runs alone with the same options: node --import tsx pipeline/NN-x.ts --<option> <path> ...
 *   node --import tsx pipeline/build.ts --raw raw --build out/build --out out/dataset
 */
import { performance } from 'node:perf_hooks'
import { main as ingest } from './01-ingest.ts'
import { main as extract } from './02-extract.ts'
import { main as assemble } from './03-assemble.ts'
import { main as validate } from './04-validate.ts'
import { main as model } from './05-model.ts'
import { main as exportDataset } from './06-export.ts'
import { DEFAULT_FOLDERS, type Folders, parseOptions, type StageName, type StageOptions, stageOptions } from './store/layout.ts'
import { isMain, log, runStage, StageError } from './store/run.ts'

export interface Stage {
  name: StageName
  /** the stage's script, relative to the repository, for running it alone */
  script: string
  options: Record<string, string>
  run: () => Promise<void>
}

/** The stages in run order, each with its options for these folders. */
export function stages(folders: Folders): Stage[] {
  const options = stageOptions(folders)
  const stage = <N extends StageName>(name: N, main: (o: StageOptions<N>) => Promise<void>): Stage => ({
    name,
    script: `pipeline/${name}.ts`,
    options: options[name],
    run: () => main(options[name]),
  })
  return [
    stage('01-ingest', ingest),
    stage('02-extract', extract),
    stage('03-assemble', assemble),
    stage('04-validate', validate),
    stage('05-model', model),
    stage('06-export', exportDataset),
  ]
}

/** Runs every stage; the first failure stops the build, named by its stage, and out/dataset is only replaced by a complete export. */
export async function main(folders: Folders): Promise<string> {
  const seconds: string[] = []
  const start = performance.now()
  for (const s of stages(folders)) {
    const t = performance.now()
    try {
      await s.run()
    } catch (err) {
      throw new StageError(s.name, err as Error)
    }
    seconds.push(`${s.name} ${((performance.now() - t) / 1000).toFixed(2)}`)
  }
  log('build', `${folders.out} in ${((performance.now() - start) / 1000).toFixed(2)} s (${seconds.join(', ')})`)
  return folders.out
}

if (isMain(import.meta.url)) {
  runStage('build', () => main(parseOptions('pipeline/build.ts', DEFAULT_FOLDERS)).then(() => undefined))
}
