/**
 * A folder of outputs replaced in one rename(2): written aside first (`.<name>.tmp-<pid>` beside it),
 * moved to a versioned folder `.<name>-<hash>` beside it, and made current by renaming a new symbolic
 * link over `<name>`, so a reader or a crash sees the old folder or the new one, never neither nor
 * half of one. Leftovers of an interrupted run (temporary folders whose process is gone, versioned
 * folders the link no longer names) are removed at the next start. Used for out/dataset/ (the export,
 * which swaps in its own steps, to be killed at each in the crash tests) and out/partitioned/.
 */
import fs from 'node:fs'
import path from 'node:path'

/** The names beside `out`: this process's temporary folder and link, and the versioned folder of a hash. */
export function asideNames(out: string) {
  const dir = path.dirname(out)
  const base = path.basename(out)
  return {
    dir,
    tmp: path.join(dir, `.${base}.tmp-${process.pid}`),
    link: path.join(dir, `.${base}.link-${process.pid}`),
    folder: (hash: string) => `.${base}-${hash}`,
    /** a versioned folder, or a temporary folder, link or old folder whose process is gone */
    isLeftover(name: string, current: string | null): boolean {
      if (name === current) return false
      // without the leading dot: what an older export left (dataset.tmp-PID, dataset.old-PID)
      const m = new RegExp(`^\\.?${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:-[0-9a-f]{16}|\\.(?:tmp|link|old)-(\\d+))$`).exec(name)
      if (!m) return false
      return m[1] === undefined || !processAlive(Number(m[1]))
    },
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The versioned folder `out` links to, or null when out is missing or a real folder. */
export function currentFolder(out: string): string | null {
  const st = fs.lstatSync(out, { throwIfNoEntry: false })
  return st?.isSymbolicLink() ? fs.readlinkSync(out) : null
}

/** Removes what an interrupted or earlier run left beside `out` (never the folder it links to); returns the names removed. */
export function removeLeftovers(out: string): string[] {
  const s = asideNames(out)
  if (!fs.existsSync(s.dir)) return []
  const current = currentFolder(out)
  const removed = fs.readdirSync(s.dir).filter((name) => s.isLeftover(name, current))
  for (const name of removed) fs.rmSync(path.join(s.dir, name), { recursive: true, force: true })
  return removed
}

/** Cleans up earlier leftovers and returns a new, empty temporary folder beside `out` to write into. */
export function startAside(out: string): string {
  fs.mkdirSync(path.dirname(out), { recursive: true })
  removeLeftovers(out)
  const { tmp } = asideNames(out)
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp)
  return tmp
}

/**
 * Makes the temporary folder current under the name of its content's hash (16 hex digits): when `out`
 * already links to that folder, nothing changes and the temporary folder goes. A real folder at
 * `out` (made by hand or by an older version) is moved aside first and removed with the leftovers.
 */
export function swapIn(out: string, tmp: string, hash: string): void {
  if (!/^[0-9a-f]{16}$/.test(hash)) throw new Error(`swapIn: found hash "${hash}", expected 16 hex digits`)
  const s = asideNames(out)
  const name = s.folder(hash)
  if (currentFolder(out) === name) {
    fs.rmSync(tmp, { recursive: true, force: true })
    return
  }
  const folder = path.join(s.dir, name)
  fs.rmSync(folder, { recursive: true, force: true })
  fs.renameSync(tmp, folder)
  const st = fs.lstatSync(out, { throwIfNoEntry: false })
  if (st && !st.isSymbolicLink()) fs.renameSync(out, path.join(s.dir, `.${path.basename(out)}.old-${process.pid}`))
  fs.rmSync(s.link, { force: true })
  fs.symlinkSync(name, s.link)
  fs.renameSync(s.link, out)
  removeLeftovers(out)
}
