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

/**
 * The manifests this process last read or wrote, by file, with the file's stat signature then: one build reads each
 * stage's manifest in the next stages too (at 100,000 sources an 8.5 MB file, 0.1 s to parse), and a file rewritten
 * since (by another process: a new inode, other times) is read again. Read-only for every caller. The last few only.
 */
const manifests = new Map<string, { sig: string; manifest: Manifest }>()
const KEPT_MANIFESTS = 8

/** Keeps a manifest with the stat its file had before it was read (or after it was written). */
function remember(file: string, manifest: Manifest, st = fs.statSync(file, { throwIfNoEntry: false, bigint: true })): void {
  manifests.delete(file)
  if (!st) return
  manifests.set(file, { sig: statSignature(st), manifest })
  if (manifests.size > KEPT_MANIFESTS) manifests.delete(manifests.keys().next().value as string)
}

/** A stage's manifest (an empty one when it has none); not to be changed: it may be shared (see manifests). */
export function readManifest(dir: string): Readonly<Manifest> {
  const file = path.resolve(dir, 'manifest.json')
  const st = fs.statSync(file, { throwIfNoEntry: false, bigint: true })
  if (!st) return {}
  const known = manifests.get(file)
  if (known?.sig === statSignature(st)) return known.manifest
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest
  remember(file, manifest, st)
  return manifest
}

/**
 * Writes the manifest with sorted keys (stable bytes) and removes outputs of sources no longer present;
 * a manifest that did not change is not written again.
 */
export function finishManifest(dir: string, manifest: Manifest, outputOf: (id: string) => string, previous: Readonly<Manifest> = readManifest(dir)): void {
  for (const id of Object.keys(previous)) if (!(id in manifest)) fs.rmSync(outputOf(id), { force: true })
  const ids = Object.keys(manifest).sort()
  const file = path.join(dir, 'manifest.json')
  const same = ids.length === Object.keys(previous).length && ids.every((id) => previous[id] === manifest[id])
  if (same && fs.existsSync(file)) return
  const sorted = Object.fromEntries(ids.map((k) => [k, manifest[k]]))
  writeJsonAtomic(file, sorted)
  remember(path.resolve(file), sorted)
}

/** Which sources need work: their key changed or their output is missing (one directory listing, not a stat per source). */
export function staleSources(dir: string, keys: Manifest, outputOf: (id: string) => string, previous: Readonly<Manifest> = readManifest(dir)): string[] {
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
 * The cache lives in <dir>/file-hashes.json, rewritten when a hash or a stat changed. With `cache: false` (a stage
 * that hashes only the few sources the build knows changed, StageRun) every file is read and the cache is left as it
 * is: a file's entry there is keyed by its stat, so an entry older than the file is never taken for it.
 */
export function inputHashes(
  dir: string,
  files: Record<string, string[]>,
  beforeReading: (file: string, stat: fs.BigIntStats) => void = () => {},
  { cache = true }: { cache?: boolean } = {},
): { hashes: Record<string, string>; missing: string[] } {
  const cacheFile = path.join(dir, 'file-hashes.json')
  const previous = cache && fs.existsSync(cacheFile) ? (JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as HashCache) : {}
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
  if (cache && (changed || !fs.existsSync(cacheFile))) {
    fs.mkdirSync(dir, { recursive: true })
    writeJsonAtomic(cacheFile, next)
  }
  return { hashes: out, missing }
}

/**
 * What a build from make knows changed (build.ts, from the signature's list of raw/: store/changes.ts), as one
 * stage may use it: `from` and `to` name the list of the last complete build and this build's list; `dirty` holds
 * the ids whose inputs for this stage may have changed since `from` (undefined when the build cannot tell).
 */
export interface Changes {
  from: string | null
  to: string
  dirty: ReadonlySet<string> | undefined
  /** the output folders of the per-article stages after this one, whose basis a full check here voids */
  later: string[]
}

/** A stage's basis, in its output folder: `_` first, which no source id has (SAFE_SOURCE_ID), so no output is named so. */
export const basisFile = (out: string) => path.join(out, '_basis.json')

/**
 * One run of a per-source stage. Its basis (<out>/_basis.json) records the list of raw/ it last ran from and its
 * context (the code it runs, the entity list, its options); the run removes it first, and writes it back only
 * when it finished inside a build from make. So the stage trusts `changes.dirty` (and keeps every other id's key
 * from its manifest, stating no file of theirs) only when it last ran in the build whose list the changes are
 * against, with the same context: a stage run alone, a shard, a build that failed before the stage finished or
 * one run with other options leaves no matching basis, and the next run checks every source, as make's stamp
 * trusts out/build/ (an output deleted by hand is not noticed until a full check). A full check inside such a build
 * first removes the bases of the stages after it: its changes are not known to them, so they check every source too,
 * even when this build stops before they run (their basis would otherwise still match the list at the next build).
 * An unreadable basis counts as none.
 */
export class StageRun {
  readonly previous: Readonly<Manifest>
  /** the ids to look at; undefined: every id is checked (its key computed, its output looked for) */
  readonly dirty: ReadonlySet<string> | undefined

  constructor(
    readonly out: string,
    private readonly changes: Changes | undefined,
    private readonly context: string,
  ) {
    this.previous = readManifest(out)
    const basis = readBasis(basisFile(out))
    fs.rmSync(basisFile(out), { force: true })
    const trusted = changes?.dirty && changes.from !== null && basis?.inputs === changes.from && basis.context === context
    this.dirty = trusted ? changes.dirty : undefined
    if (!trusted) for (const later of changes?.later ?? []) fs.rmSync(basisFile(later), { force: true })
  }

  /** Whether an id's key must be computed: every id's in a full check; else a changed id's, or one the manifest lacks. */
  needsKey(id: string): boolean {
    return !this.dirty || this.dirty.has(id) || !(id in this.previous)
  }

  /** Records the basis once the stage's outputs and manifest are written (inside a build from make only). */
  finish(): void {
    if (this.changes) writeJsonAtomic(basisFile(this.out), { inputs: this.changes.to, context: this.context } satisfies Basis)
  }
}

interface Basis {
  inputs: string
  context: string
}

function readBasis(file: string): Basis | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Basis
    return typeof value?.inputs === 'string' && typeof value.context === 'string' ? value : undefined
  } catch {
    // missing or unreadable (a crash cannot leave half of one: it is written aside and renamed): a full check
    return undefined
  }
}

/**
 * The frame of every per-source stage: each id's key (computed where `run` needs it, kept from the manifest
 * elsewhere), then redo the sources whose key changed or, in a full check, whose output is missing (on every core
 * when many; a source whose main input, `inputOf`, is large in a process of its own: pool.ts), record the keys and
 * drop the outputs of sources that left. Returns the ids whose key changed (the next stage's dirty ids), or
 * undefined after a full check, when they are not known against the next stage's basis.
 */
export async function redoStale<O>(
  stage: string,
  run: StageRun,
  job: { ids: string[]; keyOf: (id: string) => string; outputOf: (id: string) => string; inputOf: (id: string) => string; module: string; options: O },
  work: SourceWork<O>,
): Promise<ReadonlySet<string> | undefined> {
  const { out, previous } = run
  const keys: Manifest = Object.fromEntries(job.ids.map((id) => [id, run.needsKey(id) ? job.keyOf(id) : previous[id]]))
  const stale = run.dirty ? job.ids.filter((id) => keys[id] !== previous[id]) : staleSources(out, keys, job.outputOf, previous)
  fs.mkdirSync(out, { recursive: true })
  const bytes = (id: string) => fs.statSync(job.inputOf(id), { throwIfNoEntry: false })?.size ?? 0
  await runPool(stage, { module: job.module, ids: stale, options: job.options, bytes }, work)
  finishManifest(out, keys, job.outputOf, previous)
  run.finish()
  const looked = run.dirty && [...run.dirty].filter((id) => id in keys).length
  log(stage, `${job.ids.length} source(s), ${stale.length} (re)done${run.dirty ? ` (${looked} changed source(s) looked at)` : ''}`)
  return run.dirty ? new Set(stale) : undefined
}
