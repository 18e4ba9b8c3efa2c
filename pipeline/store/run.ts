/** Running a stage or command: progress on stderr, failures named by their stage, a non-zero exit. */
import path from 'node:path'

/** Logs progress to stderr: stdout stays clean for data. */
export function log(stage: string, message: string): void {
  process.stderr.write(`${stage}: ${message}\n`)
}

/** A failure inside one stage of a run of several, carrying the stage's name. */
export class StageError extends Error {
  constructor(
    readonly stage: string,
    cause: Error,
  ) {
    super(cause.message, { cause })
  }
}

/** Runs a stage's main, printing a failure's message (not a stack) under the failing stage's name and exiting non-zero. */
export function runStage(stage: string, main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((err: Error) => {
      process.stderr.write(`${err instanceof StageError ? err.stage : stage}: failed\n${err.message}\n`)
      process.exitCode = 1
    })
}

export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1]
  return entry !== undefined && path.resolve(entry) === new URL(metaUrl).pathname
}
