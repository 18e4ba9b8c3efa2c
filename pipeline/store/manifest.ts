/**
 * Per-source caching for the per-article stages: each output is keyed by the hash of its inputs
 * and of the code that makes it, recorded in the stage's manifest.json, so only changed sources
 * are redone and sources that left raw/ lose their outputs.
 */
import fs from 'node:fs'
import path from 'node:path'
import { sha256, writeJsonAtomic } from './files.ts'
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

/** Writes the manifest with sorted keys (stable bytes) and removes outputs of sources no longer present. */
export function finishManifest(dir: string, manifest: Manifest, outputOf: (id: string) => string): void {
  const previous = readManifest(dir)
  for (const id of Object.keys(previous)) if (!(id in manifest)) fs.rmSync(outputOf(id), { force: true })
  const sorted = Object.fromEntries(
    Object.keys(manifest)
      .sort()
      .map((k) => [k, manifest[k]]),
  )
  writeJsonAtomic(path.join(dir, 'manifest.json'), sorted)
}

/** Which sources need work: their key changed or their output is missing (one directory listing, not a stat per source). */
export function staleSources(dir: string, keys: Manifest, outputOf: (id: string) => string): string[] {
  const previous = readManifest(dir)
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

/**
 * Content hashes of each source's input files, reusing the previous hash when a file's size,
 * modification and change times (nanoseconds), inode and device are unchanged, as git compares
 * them: an edit that keeps the size and resets the modification time (touch -r) still changes the
 * change time, which no program can set. So a rebuild does not re-read every article.
 * The cache lives in <dir>/file-hashes.json and is rewritten on every call.
 */
export function inputHashes(dir: string, files: Record<string, string[]>): { hashes: Record<string, string>; missing: string[] } {
  const cacheFile = path.join(dir, 'file-hashes.json')
  const previous = fs.existsSync(cacheFile) ? (JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Record<string, { sig: string; hash: string }>) : {}
  const next: Record<string, { sig: string; hash: string }> = {}
  const out: Record<string, string> = {}
  const missing: string[] = []
  for (const id of Object.keys(files).sort()) {
    const stats = files[id].map((f) => fs.statSync(f, { throwIfNoEntry: false, bigint: true }) ?? null)
    missing.push(...files[id].filter((_, i) => stats[i] === null))
    const sig = stats.map((st) => (st ? `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}` : 'missing')).join('|')
    const hash = previous[id]?.sig === sig ? previous[id].hash : keyOf(...files[id].map((f, i) => (stats[i] ? fs.readFileSync(f) : 'missing')))
    next[id] = { sig, hash }
    out[id] = hash
  }
  fs.mkdirSync(dir, { recursive: true })
  writeJsonAtomic(cacheFile, next)
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
  const stale = staleSources(job.out, job.keys, job.outputOf)
  fs.mkdirSync(job.out, { recursive: true })
  const bytes = (id: string) => fs.statSync(job.inputOf(id), { throwIfNoEntry: false })?.size ?? 0
  await runPool(stage, { module: job.module, ids: stale, options: job.options, bytes }, work)
  finishManifest(job.out, job.keys, job.outputOf)
  log(stage, `${Object.keys(job.keys).length} source(s), ${stale.length} (re)done`)
}
