/** Running a stage or command: progress on stderr, failures named by their stage, a non-zero exit. */
import path from 'node:path'

/** Logs progress to stderr: stdout stays clean for data. */
export function log(stage: string, message: string): void {
  process.stderr.write(`${stage}: ${message}\n`)
}

/**
 * Bad input or a bad option, told to the user as it is (no stack): the message names what was
 * found and what was expected. Anything else that fails is a program error and prints its stack.
 */
export class UserError extends Error {}

/** What to print for a failure: the message of a user error, the whole stack of a program error. */
export function describeFailure(err: unknown): string {
  if (err instanceof UserError) return err.message
  if (err instanceof StageError) return describeFailure(err.cause)
  return err instanceof Error ? (err.stack ?? err.message) : String(err)
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

/** Runs a stage's main; a failure is printed under the failing stage's name (see describeFailure) and the exit code is non-zero. */
export function runStage(stage: string, main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((err: Error) => {
      process.stderr.write(`${err instanceof StageError ? err.stage : stage}: failed\n${describeFailure(err)}\n`)
      process.exitCode = 1
    })
}

export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1]
  return entry !== undefined && path.resolve(entry) === new URL(metaUrl).pathname
}
