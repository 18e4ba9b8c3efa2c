/** A pool worker: imports the stage module, runs its processSource for each id it is given, reports each back. */
process.once('message', async (job: { module: string; ids: string[]; options: Record<string, unknown> }) => {
  const mod = (await import(job.module)) as { processSource: (id: string, options: Record<string, unknown>) => void | Promise<void> }
  for (const id of job.ids) {
    try {
      await mod.processSource(id, job.options)
      process.send?.({ done: id })
    } catch (err) {
      process.send?.({ done: id, error: (err as Error).message })
    }
  }
  process.disconnect?.()
})
