/**
 * What changed in raw/ since the last complete build, for the build make runs (build.ts --inputs). make's
 * signature script (input-signature.sh) lists every entry of raw/ with the hash of its signed lstat in
 * <build>/inputs.entries, after two header lines (the raw/ folder and the code, each line starting with a tab);
 * once 01-04 have all succeeded, the build keeps that list as <build>/built.entries. The names whose line differs
 * between the two, or that are in one of them only, are the entries that changed. With another raw/ folder or other
 * code (a header differs), or no list kept, nothing is known and every stage checks every source.
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

/** The lines of a list, each checked: a header (a tab first) or `<name><TAB><sha256>`. */
function entryLines(file: string, text: string): string[] {
  const lines = text.split('\n')
  if (lines.pop() !== '') throw new UserError(`${displayPath(file)}: the last line has no newline (expected the list input-signature.sh writes)`)
  lines.forEach((line, i) => {
    if (!line.startsWith('\t') && !ENTRY.test(line))
      throw new UserError(
        `${displayPath(file)}:${i + 1}: found ${JSON.stringify(line.slice(0, 120))}, expected <name><TAB><sha256> (the list input-signature.sh writes)`,
      )
  })
  return lines
}

export function inputChanges(inputsFile: string, builtFile = path.join(path.dirname(inputsFile), 'built.entries')): InputChanges {
  if (!fs.existsSync(inputsFile)) throw new UserError(`${displayPath(inputsFile)}: file not found (expected the list of raw/ that input-signature.sh writes)`)
  const text = fs.readFileSync(inputsFile, 'utf8')
  const now = entryLines(inputsFile, text)
  const builtText = fs.existsSync(builtFile) ? fs.readFileSync(builtFile, 'utf8') : null
  const commit = () => writeFileAtomic(builtFile, text)
  const to = sha256(text)
  if (builtText === null) return { from: null, to, names: undefined, commit }
  const before = entryLines(builtFile, builtText)
  const headers = (lines: string[]) => lines.filter((l) => l.startsWith('\t')).join('\n')
  if (headers(now) !== headers(before)) return { from: sha256(builtText), to, names: undefined, commit }
  const names = new Set<string>()
  const differ = (lines: string[], others: string[]) => {
    const kept = new Set(others)
    for (const line of lines) if (!kept.has(line)) names.add(line.slice(0, line.indexOf('\t')))
  }
  differ(now, before)
  differ(before, now)
  return { from: sha256(builtText), to, names, commit }
}
