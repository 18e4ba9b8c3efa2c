/** Published releases under out/releases/: the index, and checks that nothing in them changed. */
import fs from 'node:fs'
import path from 'node:path'
import { sha256 } from '../store/files.ts'
import { displayPath } from '../store/layout.ts'
import { UserError } from '../store/run.ts'
import { compareVersions, SEMVER } from './semver.ts'

export interface ReleaseFile {
  path: string
  bytes: number
  sha256: string
}
export interface ReleaseEntry {
  version: string
  created: string
  archive: string
  files: ReleaseFile[]
}
export interface ReleaseIndex {
  latest: string | null
  releases: ReleaseEntry[]
}

/**
 * out/releases/index.json, checked before anything trusts it: every version semver (so a path
 * such as ../dataset cannot be one), listed once, with a `created` time, its archive and its
 * files (path, bytes, sha256); `latest` must be the newest version listed, computed, not believed.
 * Errors name the file and the JSON pointer.
 */
export function readIndex(releasesDir: string): ReleaseIndex {
  const file = path.join(releasesDir, 'index.json')
  if (!fs.existsSync(file)) return { latest: null, releases: [] }
  const bad = (pointer: string, message: string): never => {
    throw new UserError(`${displayPath(file)} ${pointer || '(document)'}\n  ${message}`)
  }
  let data: ReleaseIndex
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8')) as ReleaseIndex
  } catch (err) {
    return bad('', `not valid JSON: ${(err as Error).message} (expected the index of published releases)`)
  }
  if (typeof data !== 'object' || data === null || !Array.isArray(data.releases)) return bad('/releases', 'expected an array of releases')
  const seen = new Set<string>()
  data.releases.forEach((e, i) => {
    const at = `/releases/${i}`
    if (typeof e?.version !== 'string' || !SEMVER.test(e.version)) bad(`${at}/version`, `expected MAJOR.MINOR.PATCH; found ${JSON.stringify(e?.version)}`)
    if (seen.has(e.version)) bad(`${at}/version`, `${e.version} is listed twice`)
    seen.add(e.version)
    if (typeof e.created !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(e.created) || Number.isNaN(Date.parse(e.created)))
      bad(`${at}/created`, `expected a UTC time such as 2026-01-02T03:04:05Z; found ${JSON.stringify(e.created)}`)
    if (e.archive !== `fengkou-${e.version}.tar.gz`) bad(`${at}/archive`, `expected "fengkou-${e.version}.tar.gz"; found ${JSON.stringify(e.archive)}`)
    if (!Array.isArray(e.files)) bad(`${at}/files`, 'expected an array of files')
    e.files.forEach((f, k) => {
      const ok = typeof f?.path === 'string' && !f.path.split('/').includes('..') && !path.isAbsolute(f.path)
      if (!ok || !Number.isInteger(f.bytes) || f.bytes < 0 || !/^[0-9a-f]{64}$/.test(f.sha256))
        bad(`${at}/files/${k}`, `expected { path inside the release, bytes, sha256 }; found ${JSON.stringify(f).slice(0, 160)}`)
    })
  })
  const newest = sortedIndex(data.releases).latest
  if (data.latest !== newest) bad('/latest', `found ${JSON.stringify(data.latest)}, but the newest version listed is ${JSON.stringify(newest)}`)
  return data
}

export function sortedIndex(releases: ReleaseEntry[]): ReleaseIndex {
  const sorted = [...releases].sort((a, b) => compareVersions(a.version, b.version))
  return { latest: sorted.length ? sorted[sorted.length - 1].version : null, releases: sorted }
}

/** Every file below dir, as forward-slash paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort()
}

export function describeFiles(dir: string, files: string[]): ReleaseFile[] {
  return files.map((f) => {
    const bytes = fs.readFileSync(path.join(dir, f))
    return { path: f, bytes: bytes.length, sha256: sha256(bytes) }
  })
}

/** Problems with one published release: files whose bytes no longer match SHA256SUMS, datapackage.json or the index. */
export function verifyRelease(releasesDir: string, entry: ReleaseEntry): string[] {
  const dir = path.join(releasesDir, entry.version)
  const problems: string[] = []
  if (!fs.existsSync(dir)) return [`${entry.version}/: listed in index.json but missing`]
  const sumsFile = path.join(dir, 'SHA256SUMS')
  if (!fs.existsSync(sumsFile)) return [`${entry.version}/SHA256SUMS: missing`]
  const sums = new Map<string, string>()
  for (const line of fs.readFileSync(sumsFile, 'utf8').split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line)
    if (!m) problems.push(`${entry.version}/SHA256SUMS: malformed line "${line}"`)
    else sums.set(m[2], m[1])
  }
  const present = listFiles(dir).filter((f) => f !== 'SHA256SUMS')
  for (const f of present) {
    const expected = sums.get(f)
    if (!expected) problems.push(`${entry.version}/${f}: not listed in SHA256SUMS`)
    else if (sha256(fs.readFileSync(path.join(dir, f))) !== expected) problems.push(`${entry.version}/${f}: sha256 does not match SHA256SUMS`)
  }
  for (const f of sums.keys()) if (!present.includes(f)) problems.push(`${entry.version}/${f}: listed in SHA256SUMS but missing`)
  const pkgFile = path.join(dir, 'datapackage.json')
  if (fs.existsSync(pkgFile)) {
    let pkg: { resources: { path: string; bytes?: number; hash: string }[]; version?: string; created?: string }
    try {
      pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'))
      if (!Array.isArray(pkg.resources)) throw new Error('no resources array')
    } catch (err) {
      problems.push(`${entry.version}/datapackage.json: not a valid data package (${(err as Error).message})`)
      return [...new Set(problems)]
    }
    if (pkg.version !== entry.version)
      problems.push(`${entry.version}/datapackage.json: version ${JSON.stringify(pkg.version)}, index.json says ${entry.version}`)
    if (pkg.created !== entry.created)
      problems.push(`${entry.version}/datapackage.json: created ${JSON.stringify(pkg.created)}, index.json says ${entry.created}`)
    for (const r of pkg.resources) {
      const file = path.join(dir, r.path)
      if (!fs.existsSync(file)) continue
      const bytes = fs.readFileSync(file)
      if ((r.bytes !== undefined && bytes.length !== r.bytes) || `sha256:${sha256(bytes)}` !== r.hash)
        problems.push(`${entry.version}/${r.path}: bytes or hash differ from datapackage.json`)
    }
  }
  const indexed = new Set(entry.files.map((f) => f.path))
  for (const f of entry.files) {
    const file = path.join(dir, f.path)
    if (!fs.existsSync(file)) {
      problems.push(`${entry.version}/${f.path}: listed in index.json but missing`)
      continue
    }
    const bytes = fs.readFileSync(file)
    if (sha256(bytes) !== f.sha256) problems.push(`${entry.version}/${f.path}: sha256 differs from index.json`)
    if (bytes.length !== f.bytes) problems.push(`${entry.version}/${f.path}: ${bytes.length} bytes, index.json says ${f.bytes}`)
  }
  for (const f of listFiles(dir)) if (!indexed.has(f)) problems.push(`${entry.version}/${f}: not listed in index.json`)
  return [...new Set(problems)]
}
