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

/** A value of T whose arrays (top-level fields only) are read element by element when iterated, never held whole. */
export type Lazy<T> = { [K in keyof T]: T[K] extends readonly (infer E)[] ? Iterable<E> : T[K] }

const SPACE = 0x20
const QUOTE = 0x22
const NEWLINE = 0x0a
const CLOSE_BRACKET = 0x5d

/**
 * The lines of a file from byte `from`, a megabyte read at a time: each line's bytes (no newline) and
 * the offset it starts at. The bytes are a view of the read buffer: use them before the next line.
 */
export function* fileLines(file: string, from = 0): Generator<{ bytes: Buffer; offset: number }> {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (err) {
    throw new FileError(file, 'read it', err as Error)
  }
  try {
    // no bigger than what is left to read, and not zeroed (only the bytes read are used): a lazily read file is read
    // once per value, and a zeroed megabyte each time was most of 04-validate's time at 100,000 articles
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(1 << 20, fs.fstatSync(fd).size - from)))
    let carry = Buffer.alloc(0)
    let position = from
    let lineStart = from
    for (;;) {
      let n: number
      try {
        n = fs.readSync(fd, chunk, 0, chunk.length, position)
      } catch (err) {
        throw new FileError(file, 'read it', err as Error)
      }
      if (n === 0) break
      position += n
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n)
      let start = 0
      for (let i = data.indexOf(NEWLINE); i >= 0; i = data.indexOf(NEWLINE, start)) {
        yield { bytes: data.subarray(start, i), offset: lineStart }
        lineStart += i + 1 - start
        start = i + 1
      }
      // the unfinished line is copied: the next read reuses the chunk
      carry = Buffer.from(data.subarray(start))
    }
    if (carry.length) yield { bytes: carry, offset: lineStart }
  } finally {
    fs.closeSync(fd)
  }
}

/** How many spaces a line starts with. */
function indent(bytes: Buffer): number {
  let i = 0
  while (i < bytes.length && bytes[i] === SPACE) i++
  return i
}

/** The text of a value's lines, without the comma that separates it from the next. */
function valueText(lines: string[]): string {
  return lines.join('\n').replace(/,\s*$/, '')
}

/**
 * A JSON object file as writeJsonAtomic writes it, with each top-level array read lazily: a pass over
 * the bytes finds where each field starts, the other fields are parsed, and iterating an array parses
 * one element at a time from its offset (again for every iteration). So a dense article's mentions or
 * records cost the memory of the ones in use, not of the whole file and its text. A file in any
 * other layout (written by hand) is parsed whole, with the same result.
 */
export function readJsonLazy<T extends object>(file: string): Lazy<T> {
  const out: Record<string, unknown> = {}
  let key: string | null = null
  let lines: string[] = []
  let layout = true
  const finish = () => {
    if (key === null) return
    try {
      out[key] = JSON.parse(valueText(lines))
    } catch (err) {
      throw new FileError(file, 'read it as JSON', err as Error)
    }
    key = null
  }
  let first = true
  for (const { bytes, offset } of fileLines(file)) {
    if (first) {
      first = false
      if (bytes.toString() !== '{') {
        layout = false
        break
      }
      continue
    }
    const depth = indent(bytes)
    if (depth === 1 && bytes[1] === QUOTE) {
      finish()
      const line = bytes.toString('utf8')
      const m = /^ ("(?:[^"\\]|\\.)*"): (.*)$/.exec(line)
      if (!m) {
        layout = false
        break
      }
      const name = JSON.parse(m[1]) as string
      if (m[2] === '[') out[name] = lazyArray(file, offset + bytes.length + 1)
      else [key, lines] = [name, [m[2]]]
    } else if (key !== null && depth >= 1 && !(depth === 1 && bytes[1] === CLOSE_BRACKET)) lines.push(bytes.toString('utf8'))
    else if (depth === 0) finish()
  }
  if (!layout) return readJson<Lazy<T>>(file)
  finish()
  return out as Lazy<T>
}

/** The elements of an array whose first element starts at byte `from`, each parsed when reached. */
function lazyArray(file: string, from: number): Iterable<unknown> {
  return {
    *[Symbol.iterator]() {
      let lines: string[] = []
      const parse = () => {
        try {
          return JSON.parse(valueText(lines))
        } catch (err) {
          throw new FileError(file, 'read it as JSON', err as Error)
        }
      }
      for (const { bytes } of fileLines(file, from)) {
        const depth = indent(bytes)
        if (depth < 2) break
        const line = bytes.toString('utf8')
        // an element starts at two spaces; its inner lines are deeper; its closing bracket is back at two
        if (depth === 2 && lines.length && !/^ {2}[}\]]/.test(line)) {
          yield parse()
          lines = []
        }
        lines.push(line)
      }
      if (lines.length) yield parse()
    },
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * What changes when a file's bytes do, as git compares it: size, modification and change times (nanoseconds),
 * inode and device. An edit that keeps the size and resets the modification time (touch -r) still changes the
 * change time, which no program can set.
 */
export function statSignature(st: fs.BigIntStats): string {
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}`
}
