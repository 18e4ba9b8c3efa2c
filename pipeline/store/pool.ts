/**
 * Runs a stage's per-source work on every core: a few child processes each take a share of the
 * sources (by index, so shares are deterministic) and report each one done; progress goes to stderr.
 * Small jobs run in this process, which keeps the single-article path simple.
 */
import { fork } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './layout.ts'

export interface PoolJob {
  module: string
  ids: string[]
  options: Record<string, unknown>
}
type Work = (id: string, options: Record<string, unknown>) => void | Promise<void>

const PARALLEL_FROM = 64

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

/** Runs work(id) for every id; a failing source does not stop the others, and all failures are thrown together at the end. */
export async function runPool(stage: string, job: PoolJob, work: Work): Promise<void> {
  // a bar for a handful of sources is noise; the stage logs its own one-line summary
  const report = job.ids.length >= PARALLEL_FROM ? progress(stage, job.ids.length) : () => {}
  const workers = Math.min(Number(process.env.FENGKOU_WORKERS ?? os.availableParallelism()), Math.ceil(job.ids.length / 16))
  const failures = new Map<string, string>()
  const finish = () => {
    if (failures.size)
      throw new Error(
        [...failures.keys()]
          .sort()
          .map((id) => failures.get(id))
          .join('\n'),
      )
  }
  if (job.ids.length < PARALLEL_FROM || workers <= 1) {
    let done = 0
    for (const id of job.ids) {
      try {
        await work(id, job.options)
      } catch (err) {
        failures.set(id, (err as Error).message)
      }
      report(++done)
    }
    return finish()
  }
  let done = 0
  const shares = Array.from({ length: workers }, (_, w) => job.ids.filter((_, i) => i % workers === w))
  await Promise.all(
    shares.map(
      (ids) =>
        new Promise<void>((resolve, reject) => {
          const child = fork(path.join(ROOT, 'pipeline', 'store', 'pool-worker.ts'), [], {
            execArgv: ['--import', 'tsx'],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          })
          child.on('message', (m: { done: string; error?: string }) => {
            if (m.error !== undefined) failures.set(m.done, m.error)
            report(++done)
          })
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${stage}: a worker exited with code ${code}`))))
          child.send({ module: job.module, ids, options: job.options })
        }),
    ),
  )
  finish()
}
