/**
 * What changed in raw/ since the last complete build, for the build make runs (build.ts --inputs). make's
 * signature script (input-signature.sh) lists every entry of raw/ with the hash of its signed lstat in
 * <build>/inputs.entries, after two header lines (the raw/ folder and the code, each line starting with a tab);
 * once 01-04 have all succeeded, the build keeps that list as <build>/built.entries. The names whose line differs
 * between the two, or that are in one of them only, are the entries that changed. With another raw/ folder or other
 * code (a header differs), or no list kept (or one that cannot be read), nothing is known and every stage checks every
 * source.
 */
import fs from 'node:fs'
import path from 'node:path'
import { sha256, writeFileAtomic } from './files.ts'
import { displayPath } from './layout.ts'
import { UserError } from './run.ts'

export interface InputChanges {
  /** sha256 of the last complete build's list; null when there is none */
  from: string | null
  /** sha256 of this build's list */
  to: string
  /** the names of raw/'s entries that changed, came or left since `from`; undefined when not known */
  names: ReadonlySet<string> | undefined
  /** Keeps this build's list as the last complete build's: once 01-04 have all succeeded. */
  commit(): void
}

const ENTRY = /^[^\t]+\t[0-9a-f]{64}$/
const nameOf = (line: string) => line.slice(0, line.indexOf('\t'))
const HEADERS = [/^\traw\t[0-9a-f]{64}$/, /^\tcode\t[0-9a-f]{64}$/]

/**
 * The lines of a list, each checked: the two headers, then `<name><TAB><sha256>` with no name twice (the script
 * prints them sorted, so a name repeated is on the next line).
 */
function entryLines(file: string, text: string): string[] {
  const expected = '(the list input-signature.sh writes)'
  const lines = text.split('\n')
  if (lines.pop() !== '') throw new UserError(`${displayPath(file)}: the last line has no newline ${expected}`)
  let previousName = ''
  lines.forEach((line, i) => {
    const header = HEADERS[i]
    const wanted = header ? `a header, <TAB>${i === 0 ? 'raw' : 'code'}<TAB><sha256>` : '<name><TAB><sha256>'
    if (!(header ?? ENTRY).test(line))
      throw new UserError(`${displayPath(file)}:${i + 1}: found ${JSON.stringify(line.slice(0, 120))}, expected ${wanted} ${expected}`)
    if (header) return
    const name = nameOf(line)
    if (name === previousName)
      throw new UserError(`${displayPath(file)}:${i + 1}: found the name of line ${i} again, expected each entry of raw/ once ${expected}`)
    previousName = name
  })
  if (lines.length < HEADERS.length) throw new UserError(`${displayPath(file)}: found ${lines.length} line(s), expected the two headers first ${expected}`)
  return lines
}

/** The last complete build's list, or null when there is none or it cannot be read (the build's own file: a full check then). */
function builtLines(file: string): { text: string; lines: string[] } | null {
  if (!fs.existsSync(file)) return null
  const text = fs.readFileSync(file, 'utf8')
  try {
    return { text, lines: entryLines(file, text) }
  } catch {
    return null
  }
}

export function inputChanges(inputsFile: string, builtFile = path.join(path.dirname(inputsFile), 'built.entries')): InputChanges {
  if (!fs.existsSync(inputsFile)) throw new UserError(`${displayPath(inputsFile)}: file not found (expected the list of raw/ that input-signature.sh writes)`)
  const text = fs.readFileSync(inputsFile, 'utf8')
  const now = entryLines(inputsFile, text)
  const built = builtLines(builtFile)
  const commit = () => writeFileAtomic(builtFile, text)
  const to = sha256(text)
  if (built === null) return { from: null, to, names: undefined, commit }
  const before = built.lines
  const from = sha256(built.text)
  if (now[0] !== before[0] || now[1] !== before[1]) return { from, to, names: undefined, commit }
  const names = new Set<string>()
  const differ = (lines: string[], others: string[]) => {
    const kept = new Set(others)
    for (const line of lines) if (!kept.has(line)) names.add(nameOf(line))
  }
  differ(now, before)
  differ(before, now)
  return { from, to, names, commit }
}
