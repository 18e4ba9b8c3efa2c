/**
 * build: the six stages in order, in one Node process: raw/ -> out/build/<stage>/ -> out/dataset/.
 * `make dataset` runs this. Each stage skips what its manifest says is current, so running them in
 * one process costs one start-up (about 0.4 s with tsx and the modules) instead of six; each stage
 * still runs alone with the same options: node --import tsx pipeline/NN-x.ts --<option> <path> ...
 *   node --import tsx pipeline/build.ts --raw raw --build out/build --out out/dataset
 * Past one machine (README, "Scale"): --shard k/n runs the per-article stages (01-04) alone, for the
 * sources of shard k, into <build>/shards/<k>-of-<n>/; --shards n then runs the model on every shard's
 * validated records and the export. The dataset is byte-identical to the one-process build's.
 *   node --import tsx pipeline/build.ts --shard 1/4 ...   (one job per k, on any machine)
 *   node --import tsx pipeline/build.ts --shards 4 ...    (once all four are in <build>/shards/)
 * make passes --inputs <build>/inputs.entries, its signature's list of raw/ (store/changes.ts): the per-article
 * stages then look only at the sources that changed since the last complete build (store/manifest.ts, StageRun).
 */
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { main as ingest } from './01-ingest.ts'
import { main as extract } from './02-extract.ts'
import { main as assemble } from './03-assemble.ts'
import { main as validate } from './04-validate.ts'
import { main as model } from './05-model.ts'
import { main as exportDataset } from './06-export.ts'
import { inputChanges } from './store/changes.ts'
import {
  DEFAULT_FOLDERS,
  type Folders,
  parseOptions,
  parseShard,
  parseShardCount,
  type StageName,
  type StageOptions,
  shardFolder,
  stageOptions,
} from './store/layout.ts'
import type { Changes } from './store/manifest.ts'
import { isMain, log, runStage, StageError, UserError } from './store/run.ts'

export interface Stage {
  name: StageName
  /** the stage's script, relative to the repository, for running it alone */
  script: string
  options: Record<string, string>
  /** runs the stage; a per-article stage gets what the build knows changed, and returns the ids whose key changed */
  run: (changes?: Changes) => Promise<ReadonlySet<string> | undefined | void>
}

/** The stages in run order, each with its options for these folders. */
export function stages(folders: Folders): Stage[] {
  const options = stageOptions(folders)
  const stage = <N extends StageName>(name: N, main: (o: StageOptions<N>, changes?: Changes) => Promise<ReadonlySet<string> | undefined | void>): Stage => ({
    name,
    script: `pipeline/${name}.ts`,
    options: options[name],
    run: (changes) => main(options[name], changes),
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

/** The per-article stages, whose work a shard does. */
const PER_ARTICLE: StageName[] = ['01-ingest', '02-extract', '03-assemble', '04-validate']

/**
 * Where a per-article stage's changed ids come from: the entries of raw/ that changed (01 reads a source's text and
 * metadata, 03 its annotations) and the ids whose key the stage before changed (each key holds the one before it).
 */
const DIRTY_FROM: Partial<Record<StageName, (StageName | 'raw')[]>> = {
  '01-ingest': ['raw'],
  '02-extract': ['01-ingest'],
  '03-assemble': ['02-extract', 'raw'],
  '04-validate': ['03-assemble'],
}

/** Every id of the sets, or undefined when one of them is not known. */
function union(sets: (ReadonlySet<string> | undefined)[]): ReadonlySet<string> | undefined {
  if (sets.some((x) => x === undefined)) return undefined
  return new Set(sets.flatMap((x) => [...(x as ReadonlySet<string>)]))
}

/** What to run: every stage, a shard's per-article stages, or the model over every shard's records and the export. */
function plan(folders: Folders, shards: string): Stage[] {
  if (folders.shard && shards) throw new UserError('SHARD and SHARDS together: expected SHARD=k/n (one shard) or SHARDS=n (the model over all n), not both')
  if (folders.shard) {
    const shard = parseShard(folders.shard)
    return stages({ ...folders, build: shardFolder(folders.build, shard) }).filter((s) => PER_ARTICLE.includes(s.name))
  }
  const all = stages(folders)
  if (!shards) return all
  const n = parseShardCount(shards)
  const inputs = Array.from({ length: n }, (_, i) => path.join(shardFolder(folders.build, { k: i + 1, n }), '04-validate'))
  return all
    .filter((s) => !PER_ARTICLE.includes(s.name))
    .map((s) => (s.name === '05-model' ? { ...s, run: () => model({ ...stageOptions(folders)['05-model'], input: inputs }) } : s))
}

/**
 * Runs the stages (all of them, or a shard's: see plan); the first failure stops the build, named by
 * its stage, and out/dataset is only replaced by a complete export.
 */
export async function main(folders: Folders, shards = '', inputs = ''): Promise<string> {
  const seconds: string[] = []
  const times: Record<string, StageTime> = {}
  const start = performance.now()
  const stagesToRun = plan(folders, shards)
  if (inputs && (folders.shard || shards)) throw new UserError('--inputs with a shard: expected the list of raw/ for the one-machine build only')
  const known = inputs ? inputChanges(inputs, path.join(folders.build, 'built.entries')) : undefined
  const changed: Partial<Record<StageName | 'raw', ReadonlySet<string> | undefined>> = { raw: known?.names }
  for (const s of stagesToRun) {
    const [t, cpu] = [performance.now(), cpuSeconds()]
    const from = DIRTY_FROM[s.name]
    const later = stagesToRun.slice(stagesToRun.indexOf(s) + 1).filter((x) => PER_ARTICLE.includes(x.name))
    const changes =
      known && from ? { from: known.from, to: known.to, dirty: union(from.map((n) => changed[n])), later: later.map((x) => x.options.out) } : undefined
    try {
      const result = await s.run(changes)
      if (from) changed[s.name] = result ?? undefined
      if (s.name === '04-validate') known?.commit()
    } catch (err) {
      throw new StageError(s.name, err as Error)
    }
    const [wall, after] = [(performance.now() - t) / 1000, cpuSeconds()]
    times[s.name] = { wall: round(wall), user: round(after.user - cpu.user), sys: round(after.sys - cpu.sys) }
    seconds.push(`${s.name} ${wall.toFixed(2)}`)
  }
  const what = folders.shard ? `shard ${folders.shard} into ${shardFolder(folders.build, parseShard(folders.shard))}` : folders.out
  log('build', `${what} in ${((performance.now() - start) / 1000).toFixed(2)} s (${seconds.join(', ')})`)
  // for the benchmark: each stage's time inside one build, without running every stage again alone
  if (process.env.FENGKOU_STAGE_TIMES) fs.writeFileSync(process.env.FENGKOU_STAGE_TIMES, `${JSON.stringify(times)}\n`)
  return folders.out
}

/** A stage's wall and CPU seconds inside the build (its pool workers' CPU included). */
export interface StageTime {
  wall: number
  user: number
  sys: number
}

const round = (x: number) => Number(x.toFixed(2))

/**
 * CPU seconds of this process and of the children it has waited for (the pool workers), from /proc/self/stat
 * (clock ticks of 1/100 s on Linux); elsewhere this process's own, without the children's.
 */
function cpuSeconds(): { user: number; sys: number } {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8')
    // the fields after the command name, which is in brackets and may hold spaces: utime stime cutime cstime are 14-17
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number)
    return { user: (fields[11] + fields[13]) / 100, sys: (fields[12] + fields[14]) / 100 }
  } catch {
    const { user, system } = process.cpuUsage()
    return { user: user / 1e6, sys: system / 1e6 }
  }
}

if (isMain(import.meta.url)) {
  runStage('build', () => {
    const { shards, inputs, ...folders } = parseOptions('pipeline/build.ts', { ...DEFAULT_FOLDERS, shard: '', shards: '', inputs: '' })
    return main(folders, shards, inputs).then(() => undefined)
  })
}
