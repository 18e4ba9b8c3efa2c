/**
 * Per-source caching for the per-article stages: each output is keyed by the hash of its inputs
 * and of the code that makes it, recorded in the stage's manifest.json, so only changed sources
 * are redone and sources that left raw/ lose their outputs.
 */
import fs from 'node:fs'
import path from 'node:path'
import { sha256, statSignature, writeJsonAtomic } from './files.ts'
import { ROOT, SCHEMAS_DIR } from './layout.ts'
import { runPool, type SourceWork } from './pool.ts'
import { log } from './run.ts'

const codeHashes = new Map<string, string>()
const IMPORT = /(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g

/** The files a module runs: itself and everything it imports, transitively (relative imports, code and data). */
export function importClosure(entry: string): string[] {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    if (!file.endsWith('.ts')) return
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) visit(path.resolve(path.dirname(file), m[1]))
  }
  visit(path.resolve(entry))
  return [...seen].sort()
}

/**
 * Hash of the code a stage runs: its import closure and schemas/ (read at run time), so editing
 * code the stage does not run (the site, the release tools) leaves its outputs current.
 */
export function codeVersion(stageFile: string): string {
  const cached = codeHashes.get(stageFile)
  if (cached) return cached
  const files = importClosure(stageFile)
  for (const f of fs.readdirSync(SCHEMAS_DIR, { recursive: true, encoding: 'utf8' }) as string[]) {
    const full = path.join(SCHEMAS_DIR, f)
    if (fs.statSync(full).isFile()) files.push(full)
  }
  const hash = sha256(
    files
      .sort()
      .map((f) => `${path.relative(ROOT, f)}\u0000${sha256(fs.readFileSync(f))}`)
      .join('\n'),
  )
  codeHashes.set(stageFile, hash)
  return hash
}

export function keyOf(...parts: (string | Uint8Array)[]): string {
  return sha256(parts.map((p) => (typeof p === 'string' ? p : sha256(p))).join('\u0000'))
}

export type Manifest = Record<string, string>

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json')
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : {}
}

/**
 * Writes the manifest with sorted keys (stable bytes) and removes outputs of sources no longer present;
 * a manifest that did not change is not written again.
 */
export function finishManifest(dir: string, manifest: Manifest, outputOf: (id: string) => string, previous: Manifest = readManifest(dir)): void {
  for (const id of Object.keys(previous)) if (!(id in manifest)) fs.rmSync(outputOf(id), { force: true })
  const ids = Object.keys(manifest).sort()
  const file = path.join(dir, 'manifest.json')
  const same = ids.length === Object.keys(previous).length && ids.every((id) => previous[id] === manifest[id])
  if (same && fs.existsSync(file)) return
  writeJsonAtomic(file, Object.fromEntries(ids.map((k) => [k, manifest[k]])))
}

/** Which sources need work: their key changed or their output is missing (one directory listing, not a stat per source). */
export function staleSources(dir: string, keys: Manifest, outputOf: (id: string) => string, previous: Manifest = readManifest(dir)): string[] {
  const listings = new Map<string, Set<string>>()
  const exists = (file: string) => {
    const folder = path.dirname(file)
    let names = listings.get(folder)
    if (!names) {
      names = new Set(fs.existsSync(folder) ? fs.readdirSync(folder) : [])
      listings.set(folder, names)
    }
    return names.has(path.basename(file))
  }
  return Object.keys(keys).filter((id) => previous[id] !== keys[id] || !exists(outputOf(id)))
}

type HashCache = Record<string, { sig: string; hash: string }>

/**
 * Content hashes of each source's input files, reusing the previous hash when a file's size,
 * modification and change times (nanoseconds), inode and device are unchanged, as git compares
 * them: an edit that keeps the size and resets the modification time (touch -r) still changes the
 * change time, which no program can set. So a rebuild stats every file once and reads only the
 * files whose stat changed. The files are not followed if they are symbolic links (lstat): `beforeReading`
 * sees every file's stat before any file is read, so that a link or an oversized article is refused
 * by its stat alone.
 * The cache lives in <dir>/file-hashes.json, rewritten when a hash or a stat changed.
 */
export function inputHashes(
  dir: string,
  files: Record<string, string[]>,
  beforeReading: (file: string, stat: fs.BigIntStats) => void = () => {},
): { hashes: Record<string, string>; missing: string[] } {
  const cacheFile = path.join(dir, 'file-hashes.json')
  const previous = fs.existsSync(cacheFile) ? (JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as HashCache) : {}
  const ids = Object.keys(files).sort()
  // every file's stat is seen before any file is read; only its signature is kept (holding 200,000 BigIntStats
  // until the end cost a second of garbage collection at 100,000 sources)
  const stats = new Map<string, { sig: string; present: boolean[] }>()
  for (const id of ids) {
    const present: boolean[] = []
    const sigs: string[] = []
    for (const f of files[id]) {
      const x = fs.lstatSync(f, { throwIfNoEntry: false, bigint: true })
      if (x) beforeReading(f, x)
      present.push(x !== undefined)
      sigs.push(x ? statSignature(x) : 'missing')
    }
    stats.set(id, { sig: sigs.join('|'), present })
  }
  const next: HashCache = {}
  const out: Record<string, string> = {}
  const missing: string[] = []
  let changed = ids.length !== Object.keys(previous).length
  for (const id of ids) {
    const { sig, present } = stats.get(id) as { sig: string; present: boolean[] }
    missing.push(...files[id].filter((_, i) => !present[i]))
    const same = previous[id]?.sig === sig
    if (!same) changed = true
    const hash = same ? previous[id].hash : keyOf(...files[id].map((f, i) => (present[i] ? fs.readFileSync(f) : 'missing')))
    next[id] = { sig, hash }
    out[id] = hash
  }
  if (changed || !fs.existsSync(cacheFile)) {
    fs.mkdirSync(dir, { recursive: true })
    writeJsonAtomic(cacheFile, next)
  }
  return { hashes: out, missing }
}

/**
 * The frame of every per-source stage: redo the sources whose key changed (on every core when many;
 * a source whose main input, `inputOf`, is large in a process of its own: pool.ts), then record the
 * keys and drop the outputs of sources that left.
 */
export async function redoStale<O>(
  stage: string,
  job: { out: string; keys: Manifest; outputOf: (id: string) => string; inputOf: (id: string) => string; module: string; options: O },
  work: SourceWork<O>,
): Promise<void> {
  const previous = readManifest(job.out)
  const stale = staleSources(job.out, job.keys, job.outputOf, previous)
  fs.mkdirSync(job.out, { recursive: true })
  const bytes = (id: string) => fs.statSync(job.inputOf(id), { throwIfNoEntry: false })?.size ?? 0
  await runPool(stage, { module: job.module, ids: stale, options: job.options, bytes }, work)
  finishManifest(job.out, job.keys, job.outputOf, previous)
  log(stage, `${Object.keys(job.keys).length} source(s), ${stale.length} (re)done`)
}
