/**
 * Runs a stage's per-source work on every core: a few child processes each take a share of the
 * sources (by index, so shares are deterministic) and report each one done; progress goes to stderr.
 * Small jobs run in this process, which keeps the single-article path simple.
 */
import { fork } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './layout.ts'
import { describeFailure, UserError } from './run.ts'

/** One source's work in a stage: its module exports it as `processSource`, so a pool worker can run it too. */
export type SourceWork<O> = (id: string, options: O) => void | Promise<void>

export interface PoolJob<O> {
  /** the stage module's URL, which exports processSource */
  module: string
  ids: string[]
  /** passed to every call, and to the workers as JSON */
  options: O
  /** the bytes of a source's input: a source of OWN_PROCESS_BYTES or more runs in a process of its own */
  bytes?: (id: string) => number
}

/** What a worker tells the parent of one source: done, or failed with what to print and whether it was bad input. */
export interface WorkerReport {
  done: string
  error?: string
  userError?: boolean
}

const PARALLEL_FROM = 64

/**
 * A source with this much input (a 1 MB article, or its stage's file of mentions or records) is done
 * in a worker process of its own, even in a small job: when it ends, the memory its work took goes
 * back to the system, so the stages of one build never pile their heaps on one another (a dense 10 MB
 * article's stages each take several hundred MB). The process costs about half a second to start.
 */
export const OWN_PROCESS_BYTES = 1 << 20

export function progress(stage: string, total: number): (done: number) => void {
  let last = 0
  const tty = process.stderr.isTTY
  return (done) => {
    const now = Date.now()
    if (done !== total && now - last < (tty ? 200 : 5000)) return
    last = now
    const pct = total ? Math.floor((done / total) * 100) : 100
    const bar = `${'#'.repeat(Math.floor(pct / 5)).padEnd(20, '.')}`
    process.stderr.write(tty ? `\r${stage}: [${bar}] ${done}/${total} ${pct}%${done === total ? '\n' : ''}` : `${stage}: ${done}/${total} (${pct}%)\n`)
  }
}

/** How many worker processes: FENGKOU_WORKERS when set (a whole number, 1 or more), else one per core. */
export function workerCount(env: string | undefined = process.env.FENGKOU_WORKERS): number {
  if (env === undefined || env === '') return os.availableParallelism()
  if (!/^[1-9][0-9]{0,3}$/.test(env.trim())) throw new UserError(`FENGKOU_WORKERS: found "${env}", expected a whole number of worker processes, 1 or more`)
  return Number(env)
}

/**
 * Runs work(id) for every id; a failing source does not stop the others, and all failures are thrown
 * together at the end, sorted by source: bad input as its message, a program error with its stack.
 */
export async function runPool<O>(stage: string, job: PoolJob<O>, work: SourceWork<O>): Promise<void> {
  // a bar for a handful of sources is noise; the stage logs its own one-line summary
  const report = job.ids.length >= PARALLEL_FROM ? progress(stage, job.ids.length) : () => {}
  const workers = Math.min(workerCount(), Math.ceil(job.ids.length / 16))
  const failures = new Map<string, { text: string; userError: boolean }>()
  const finish = () => {
    if (!failures.size) return
    const sorted = [...failures.keys()].sort().map((id) => failures.get(id) as { text: string; userError: boolean })
    const text = sorted.map((f) => f.text).join('\n')
    if (sorted.every((f) => f.userError)) throw new UserError(text)
    // the sources' own stacks are the ones worth printing, not the pool's
    const err = new Error(text)
    err.stack = text
    throw err
  }
  let done = 0
  const worker = (ids: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = fork(path.join(ROOT, 'pipeline', 'store', 'pool-worker.ts'), [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
      child.on('message', (m: WorkerReport) => {
        if (m.error !== undefined) failures.set(m.done, { text: m.error, userError: m.userError === true })
        report(++done)
      })
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${stage}: a worker exited with code ${code}`))))
      child.send({ module: job.module, ids, options: job.options })
    })
  if (job.ids.length < PARALLEL_FROM || workers <= 1) {
    for (const id of job.ids) {
      if ((job.bytes?.(id) ?? 0) >= OWN_PROCESS_BYTES) {
        await worker([id])
        continue
      }
      try {
        await work(id, job.options)
      } catch (err) {
        failures.set(id, { text: describeFailure(err), userError: err instanceof UserError })
      }
      report(++done)
    }
    return finish()
  }
  const shares = Array.from({ length: workers }, (_, w) => job.ids.filter((_, i) => i % workers === w))
  await Promise.all(shares.map(worker))
  finish()
}
