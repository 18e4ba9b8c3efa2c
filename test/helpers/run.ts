/** Temporary folders, and running code with its stderr kept out of the test output unless it fails. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fengkou-${prefix}-`))
}

/**
 * Runs `work` with what it writes to stderr captured instead of printed. When it throws, the captured
 * text is appended to the error's message, so a failure nobody expected shows the log and one a test
 * expects (`rejects.toThrow(...)`) prints nothing. Not for overlapping calls: each restores the stderr it found.
 */
export async function quietly<T>(work: () => T | Promise<T>): Promise<T> {
  return (await logged(work)).result
}

/** quietly, and what `work` wrote to stderr, for a test that reads the log. */
export async function logged<T>(work: () => T | Promise<T>): Promise<{ result: T; log: string }> {
  const captured: string[] = []
  const write = process.stderr.write
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined
    done?.()
    return true
  }) as typeof process.stderr.write
  try {
    return { result: await work(), log: captured.join('') }
  } catch (err) {
    if (err instanceof Error && captured.length) err.message += `\n\nlog up to the failure (stderr):\n${captured.join('').trimEnd()}`
    throw err
  } finally {
    process.stderr.write = write
  }
}
