/**
 * Where things are: the repository's folders, and where each stage reads and writes (the one place
 * the build's folder layout is written down).
 * pipeline/build.ts runs the stages with these options; each stage's command line takes the same
 * options, defaulting to the layout under raw/, out/build/ and out/dataset/.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runStage, UserError } from './run.ts'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const SCHEMAS_DIR = path.join(ROOT, 'schemas')
export const RAW_DIR = path.join(ROOT, 'raw')
export const DEFAULT_ENTITIES = path.join(RAW_DIR, 'entities.json')

/** A path for messages: relative to the repository when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file)
  return rel.startsWith('..') ? file : rel
}

export type Folders = { raw: string; build: string; out: string }

export const DEFAULT_FOLDERS: Folders = { raw: 'raw', build: 'out/build', out: 'out/dataset' }

export function stageOptions({ raw, build, out }: Folders) {
  const dir = (name: string) => path.join(build, name)
  const entities = path.join(raw, 'entities.json')
  const model = path.join(dir('05-model'), 'dataset.duckdb')
  return {
    '01-ingest': { raw, out: dir('01-ingest') },
    '02-extract': { input: dir('01-ingest'), entities, out: dir('02-extract') },
    '03-assemble': { ingest: dir('01-ingest'), extract: dir('02-extract'), raw, entities, out: dir('03-assemble') },
    '04-validate': { build, entities, out: dir('04-validate') },
    '05-model': { input: dir('04-validate'), out: model },
    '06-export': { model, out },
  }
}

export type StageName = keyof ReturnType<typeof stageOptions>
export type StageOptions<N extends StageName> = ReturnType<typeof stageOptions>[N]

/** A command line of `--<option> <path>` options with defaults; anything else is refused with the usage. */
export function parseOptions<T extends Record<string, string>>(command: string, defaults: T): T {
  try {
    const options = Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: 'string' as const, default: defaults[k] }]))
    return parseArgs({ options, strict: true, allowPositionals: false }).values as T
  } catch (err) {
    const usage = Object.entries(defaults)
      .map(([k, v]) => `[--${k} ${v}]`)
      .join(' ')
    throw new UserError(`${(err as Error).message}\nusage: node --import tsx ${command} ${usage}`)
  }
}

/** A stage's command line: its options as in the layout (defaults under raw/ and out/), then its main. */
export function runStageCli<N extends StageName>(name: N, main: (options: StageOptions<N>) => Promise<void>): void {
  runStage(name, () => main(parseOptions(`pipeline/${name}.ts`, stageOptions(DEFAULT_FOLDERS)[name])))
}
