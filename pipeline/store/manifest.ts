/**
 * Per-source caching for the per-article stages: each output is keyed by the hash of its inputs
 * and of the code that makes it, recorded in the stage's _manifest.json, so only changed sources
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
 * A stage's manifest is two files: _manifest.json, every id's key when it was last written whole (sorted, with its
 * generation, `_log`, first: no source id starts with `_`), and _manifest.<generation>.log, the changes since, one
 * JSON line each (`["<id>","<key>"]`, or `["<id>",null]` for an id that left). A build that changes a few sources
 * appends a line per source where it rewrote 100,000 entries (8.5 MB, 0.2-0.3 s a stage at 100,000 sources); the
 * file is written whole again (compacted) once the log holds more than LOG_LIMIT lines. A log belongs to one
 * generation: compacting removes any log of the new generation (left from an earlier count, which starts again at 1
 * when _manifest.json is deleted or has no `_log`), then writes the new _manifest.json (aside, then renamed), then
 * removes the old log, so a crash between any two steps leaves a log no manifest names, which is ignored. A crash in
 * an append can leave a last line cut short: it is ignored, and the next write compacts (a key lost so is older than
 * its output, so the source is redone). A _manifest.json without `_log` (written by hand, or by an older build) has no log.
 */
interface Stored {
  /** the stat signatures of _manifest.json and of its log when they were read (or written) */
  sig: string
  manifest: Manifest
  generation: number
  /** lines in the log, and whether its last line was cut short (a crash in an append: the next write compacts) */
  lines: number
  cut: boolean
}

const LOG_LIMIT = (entries: number) => Math.max(1000, Math.ceil(entries / 10))
/**
 * A stage's own files in its output folder start with `_`, which no source id does (SAFE_SOURCE_ID), so no source's
 * output (`<id>.json`) is ever named as one of them: a source called "manifest" is a source like any other.
 */
export const manifestFile = (dir: string) => path.join(dir, '_manifest.json')
/** The manifest as a build before 3 December 2026 named it (removeLegacyFiles), which the model names in a shard folder it meets. */
export const legacyManifestFile = (dir: string) => path.join(dir, 'manifest.json')
const logFile = (dir: string, generation: number) => path.join(dir, `_manifest.${generation}.log`)

/**
 * The manifests this process last read or wrote, by folder, with their files' stat signatures then: one build reads
 * each stage's manifest in the next stages too (at 100,000 sources an 8.5 MB file, 0.1 s to parse), and a file
 * rewritten since (by another process: a new inode, other times) is read again. Read-only for every caller. The last few only.
 */
const manifests = new Map<string, Stored>()
const KEPT_MANIFESTS = 8

const statOf = (file: string) => fs.statSync(file, { throwIfNoEntry: false, bigint: true })

/** The stat signature of both files, from the manifest's and the log's stats (a missing log is "none"). */
const pairSignature = (base: fs.BigIntStats, log: fs.BigIntStats | undefined) => `${statSignature(base)}|${log ? statSignature(log) : 'none'}`

/** Keeps a manifest for the next reads, frozen: it is shared, so a caller that changed it would change every reader's. */
function remember(dir: string, stored: Stored): void {
  Object.freeze(stored.manifest)
  manifests.delete(dir)
  manifests.set(dir, stored)
  if (manifests.size > KEPT_MANIFESTS) manifests.delete(manifests.keys().next().value as string)
}

/** The manifest on disk (undefined when the folder has none), from the cache when neither file changed since. */
function stored(folder: string): Stored | undefined {
  const dir = path.resolve(folder)
  const file = manifestFile(dir)
  const base = statOf(file)
  if (!base) return undefined
  const known = manifests.get(dir)
  if (known && known.sig === pairSignature(base, statOf(logFile(dir, known.generation)))) return known
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest
  const { _log } = manifest
  delete manifest._log
  const generation = _log === undefined ? 0 : Number(_log)
  if (!Number.isSafeInteger(generation) || generation < 0)
    throw new Error(`${file}: "_log" is ${JSON.stringify(_log)}, expected the generation of its log (a whole number as text)`)
  const log = generation > 0 ? statOf(logFile(dir, generation)) : undefined
  let lines = 0
  let cut = false
  if (log) {
    const text = fs.readFileSync(logFile(dir, generation))
    // every whole line (a crash in an append may have cut the last one short)
    const bytes = text.lastIndexOf(0x0a) + 1
    cut = bytes < text.length
    for (const line of text.toString('utf8', 0, bytes).split('\n').slice(0, -1)) {
      lines++
      const [id, key] = parseLogLine(line, `${logFile(dir, generation)}:${lines}`)
      if (key === null) delete manifest[id]
      else manifest[id] = key
    }
  }
  const found = { sig: pairSignature(base, log), manifest, generation, lines, cut }
  remember(dir, found)
  return found
}

/** One line of a manifest's log: `["<id>","<key>"]` or `["<id>",null]`. */
function parseLogLine(line: string, where: string): [string, string | null] {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    value = undefined
  }
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || (typeof value[1] !== 'string' && value[1] !== null))
    throw new Error(
      `${where}: found ${JSON.stringify(line.slice(0, 80))}, expected ["<source id>","<key>"] or ["<source id>",null] (delete the stage's folder to rebuild it)`,
    )
  return value as [string, string | null]
}

/** A stage's manifest (an empty one when it has none); not to be changed: it may be shared (see manifests). */
export function readManifest(dir: string): Readonly<Manifest> {
  return stored(dir)?.manifest ?? {}
}

/**
 * Records the manifest and removes the outputs of sources no longer present (in the manifest on disk, and not in
 * `manifest`): the changes since the manifest on disk are appended to its log, or it is written whole (stable bytes:
 * sorted keys) when it has none or the log is long; a manifest that did not change is not written again. `manifest` is
 * kept (frozen) as the one readManifest returns.
 */
export function finishManifest(dir: string, manifest: Readonly<Manifest>, outputOf: (id: string) => string): void {
  const now = stored(dir)
  const before = now?.manifest ?? {}
  for (const id of Object.keys(before)) if (!(id in manifest)) fs.rmSync(outputOf(id), { force: true })
  const changes: [string, string | null][] = []
  for (const id of Object.keys(manifest)) if (before[id] !== manifest[id]) changes.push([id, manifest[id]])
  for (const id of Object.keys(before)) if (!(id in manifest)) changes.push([id, null])
  if (now && !changes.length) return
  const folder = path.resolve(dir)
  if (now && now.generation > 0 && !now.cut && now.lines + changes.length <= LOG_LIMIT(Object.keys(manifest).length)) {
    const log = logFile(folder, now.generation)
    // in one write, in id order (the same changes append the same bytes)
    fs.appendFileSync(
      log,
      changes
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map((c) => `${JSON.stringify(c)}\n`)
        .join(''),
    )
    const base = statOf(manifestFile(folder)) as fs.BigIntStats
    const after = statOf(log) as fs.BigIntStats
    remember(folder, { ...now, sig: pairSignature(base, after), manifest, lines: now.lines + changes.length })
    return
  }
  const sorted = Object.fromEntries(
    Object.keys(manifest)
      .sort()
      .map((k) => [k, manifest[k]]),
  )
  const generation = (now?.generation ?? 0) + 1
  fs.mkdirSync(folder, { recursive: true })
  if (!now) removeLegacyFiles(folder, manifest, outputOf)
  // a log of this generation is left from an earlier count (the count starts again at 1 when _manifest.json was
  // deleted or has no "_log"): no manifest names it yet, and none may adopt its lines
  fs.rmSync(logFile(folder, generation), { force: true })
  writeJsonAtomic(manifestFile(folder), { _log: String(generation), ...sorted })
  // the logs this one replaces (the one before it too: a crash may have left it)
  for (const old of [generation - 1, generation - 2]) if (old > 0) fs.rmSync(logFile(folder, old), { force: true })
  const base = statOf(manifestFile(folder)) as fs.BigIntStats
  remember(folder, { sig: pairSignature(base, undefined), manifest: sorted, generation, lines: 0, cut: false })
}

/**
 * The stage's own files as a build before 3 December 2026 named them, before they started with `_`: manifest.json, its
 * logs manifest.<generation>.log and 01-ingest's file-hashes.json. An upgraded build folder has them and no
 * _manifest.json, so its first _manifest.json removes them, but not a file that is now the output of a source of that name
 * (`manifest`, `file-hashes`): those sources were refused then, so their output is the new build's.
 */
function removeLegacyFiles(folder: string, manifest: Readonly<Manifest>, outputOf: (id: string) => string): void {
  if (!fs.existsSync(legacyManifestFile(folder))) return
  const owned = (id: string) => id in manifest && path.resolve(outputOf(id)) === path.join(folder, `${id}.json`)
  for (const name of fs.readdirSync(folder))
    if (/^manifest\.\d+\.log$/.test(name) || (['manifest.json', 'file-hashes.json'].includes(name) && !owned(name.slice(0, -'.json'.length))))
      fs.rmSync(path.join(folder, name), { force: true })
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
 * The cache lives in <dir>/_file-hashes.json, rewritten when a hash or a stat changed. With `cache: false` (a stage
 * that hashes only the few sources the build knows changed, StageRun) every file is read and the cache is left as it
 * is: a file's entry there is keyed by its stat, so an entry older than the file is never taken for it.
 */
export function inputHashes(
  dir: string,
  files: Record<string, string[]>,
  beforeReading: (file: string, stat: fs.BigIntStats) => void = () => {},
  { cache = true }: { cache?: boolean } = {},
): { hashes: Record<string, string>; missing: string[] } {
  const cacheFile = path.join(dir, '_file-hashes.json')
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

/** A stage's basis, in its output folder: `_` first, like its other own files (see manifestFile). */
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
  // in id order, however the manifest listed them (with its log, not sorted)
  const stale = (run.dirty ? job.ids.filter((id) => keys[id] !== previous[id]) : staleSources(out, keys, job.outputOf, previous)).sort()
  fs.mkdirSync(out, { recursive: true })
  const bytes = (id: string) => fs.statSync(job.inputOf(id), { throwIfNoEntry: false })?.size ?? 0
  await runPool(stage, { module: job.module, ids: stale, options: job.options, bytes }, work)
  finishManifest(out, keys, job.outputOf)
  run.finish()
  const looked = run.dirty && [...run.dirty].filter((id) => id in keys).length
  log(stage, `${job.ids.length} source(s), ${stale.length} (re)done${run.dirty ? ` (${looked} changed source(s) looked at)` : ''}`)
  return run.dirty ? new Set(stale) : undefined
}
