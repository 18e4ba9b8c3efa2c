/** A pool worker: imports the stage module, runs its processSource for each id it is given, reports each back. */
import type { PoolJob, SourceWork, WorkerReport } from './pool.ts'
import { describeFailure, UserError } from './run.ts'

process.once('message', async (job: PoolJob<unknown>) => {
  const mod = (await import(job.module)) as { processSource: SourceWork<unknown> }
  const report = (r: WorkerReport) => process.send?.(r)
  for (const id of job.ids) {
    try {
      await mod.processSource(id, job.options)
      report({ done: id })
    } catch (err) {
      report({ done: id, error: describeFailure(err), userError: err instanceof UserError })
    }
  }
  process.disconnect?.()
})
