/**
 * Where things are: the repository's folders, and where each stage reads and writes (the one place
 * the build's folder layout is written down).
 * pipeline/build.ts runs the stages with these options; each stage's command line takes the same
 * options, defaulting to the layout under raw/, out/build/ and out/dataset/.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { sha256 } from './files.ts'
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

/** `shard` ("k/n", or empty for all): the per-article stages take only the sources of that shard (see shardOf). */
export type Folders = { raw: string; build: string; out: string; shard?: string }

export const DEFAULT_FOLDERS: Folders = { raw: 'raw', build: 'out/build', out: 'out/dataset' }

export function stageOptions({ raw, build, out, shard = '' }: Folders) {
  const dir = (name: string) => path.join(build, name)
  const entities = path.join(raw, 'entities.json')
  const model = path.join(dir('05-model'), 'dataset.duckdb')
  return {
    '01-ingest': { raw, out: dir('01-ingest'), shard },
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
export function runStageCli<N extends StageName>(name: N, main: (options: StageOptions<N>) => Promise<unknown>): void {
  runStage(name, async () => {
    await main(parseOptions(`pipeline/${name}.ts`, stageOptions(DEFAULT_FOLDERS)[name]))
  })
}

/**
 * Shards: the per-article stages (01-04) of a corpus too large for one machine run as n independent
 * jobs, `make dataset SHARD=k/n` for k = 1..n, each over the sources whose id hashes to its shard,
 * into a folder of its own under the build folder; then `make dataset SHARDS=n` runs the model on
 * every shard's staged records and exports. A source's shard depends on its id alone (the first 8
 * hex digits of the sha256 of the id, modulo n), so any job runner on any machine agrees.
 */
export interface Shard {
  k: number
  n: number
}

/** "k/n" with 1 <= k <= n, as in `make dataset SHARD=3/16`. */
export function parseShard(text: string): Shard {
  const m = /^([1-9]\d*)\/([1-9]\d*)$/.exec(text)
  const k = Number(m?.[1])
  const n = Number(m?.[2])
  if (!m || k > n) throw new UserError(`SHARD: found "${text}", expected k/n with 1 <= k <= n (for example 3/16)`)
  return { k, n }
}

/** The number of shards of `make dataset SHARDS=n`: a whole number, 1 or more. */
export function parseShardCount(text: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new UserError(`SHARDS: found "${text}", expected the number of shards (for example 16)`)
  return Number(text)
}

/** The shard (1..n) a source belongs to, from its id alone. */
export function shardOf(sourceId: string, n: number): number {
  return 1 + (Number.parseInt(sha256(sourceId).slice(0, 8), 16) % n)
}

/** Keeps the ids of shard "k/n"; all of them when the shard is empty. */
export function inShard(ids: string[], shard: string): string[] {
  if (!shard) return ids
  const { k, n } = parseShard(shard)
  return ids.filter((id) => shardOf(id, n) === k)
}

/** Where shard k of n writes its per-article stages' outputs: <build>/shards/<k>-of-<n>/01-ingest ... 04-validate. */
export function shardFolder(build: string, { k, n }: Shard): string {
  return path.join(build, 'shards', `${k}-of-${n}`)
}
