/** File output that never leaves a half-written file behind: write to a temporary path, then rename. */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.tmp-${process.pid}`
  fs.writeFileSync(tmp, data)
  fs.renameSync(tmp, file)
}

export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 1)}\n`)
}

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

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
