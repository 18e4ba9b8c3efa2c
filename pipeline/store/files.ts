/**
 * Files: written to a temporary path then renamed (never half-written), read as JSON, hashed.
 * A failure to read or write (a full disk, a corrupt file) names the file it was about.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { displayPath } from './layout.ts'

/** An I/O failure with the file it concerns first: Node names the file of a failed open, not of a failed write. */
export class FileError extends Error {
  constructor(file: string, doing: string, cause: Error) {
    super(`${displayPath(file)}: could not ${doing}: ${cause.message}`, { cause })
    this.name = 'FileError'
  }
}

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(tmp, data)
    fs.renameSync(tmp, file)
  } catch (err) {
    fs.rmSync(tmp, { force: true })
    throw new FileError(file, 'write it', err as Error)
  }
}

/**
 * A file written piece by piece (a large source's records, one JSON line each) to a temporary path,
 * then renamed: memory holds one buffer of about a megabyte, never the whole file. An error thrown by
 * `fill` (a record that is not valid) removes the temporary file and reaches the caller as it was.
 */
export function writeLinesAtomic(file: string, fill: (write: (text: string) => void) => void): void {
  const tmp = `${file}.tmp-${process.pid}`
  let fd: number | undefined
  const io = <T>(step: () => T): T => {
    try {
      return step()
    } catch (err) {
      throw new FileError(file, 'write it', err as Error)
    }
  }
  try {
    io(() => fs.mkdirSync(path.dirname(file), { recursive: true }))
    fd = io(() => fs.openSync(tmp, 'w'))
    let buffer: string[] = []
    let size = 0
    const flush = () => {
      const text = buffer.join('')
      io(() => fs.writeSync(fd as number, text))
      ;[buffer, size] = [[], 0]
    }
    fill((text) => {
      buffer.push(text)
      size += text.length
      if (size >= 1 << 20) flush()
    })
    flush()
    io(() => fs.closeSync(fd as number))
    fd = undefined
    io(() => fs.renameSync(tmp, file))
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd)
    fs.rmSync(tmp, { force: true })
    throw err
  }
}

/**
 * JSON as JSON.stringify(value, null, 1) writes it, plus a newline, byte for byte; an object's arrays are
 * written an element at a time, so a dense article's mentions never become one string of hundreds of MB.
 */
export function writeJsonAtomic(file: string, value: unknown): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    writeFileAtomic(file, `${JSON.stringify(value, null, 1)}\n`)
    return
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol')
  writeLinesAtomic(file, (write) => {
    if (!entries.length) {
      write('{}\n')
      return
    }
    write('{')
    for (const [i, [key, v]] of entries.entries()) {
      write(`${i ? ',' : ''}\n ${JSON.stringify(key)}: `)
      if (!Array.isArray(v) || v.length === 0) {
        write(JSON.stringify(v, null, 1).replace(/\n/g, '\n '))
        continue
      }
      write('[')
      for (const [k, x] of v.entries()) write(`${k ? ',' : ''}\n  ${(JSON.stringify(x, null, 1) ?? 'null').replace(/\n/g, '\n  ')}`)
      write('\n ]')
    }
    write('\n}\n')
  })
}

export function readJson<T>(file: string): T {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (err) {
    throw new FileError(file, 'read it', err as Error)
  }
  try {
    return JSON.parse(text) as T
  } catch (err) {
    throw new FileError(file, 'read it as JSON', err as Error)
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
