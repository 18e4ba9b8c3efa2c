/** Published releases under out/releases/: the index, and checks that nothing in them changed. */
import fs from 'node:fs'
import path from 'node:path'
import { sha256 } from '../store/files.ts'
import { compareVersions } from './semver.ts'

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

export function readIndex(releasesDir: string): ReleaseIndex {
  const file = path.join(releasesDir, 'index.json')
  if (!fs.existsSync(file)) return { latest: null, releases: [] }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ReleaseIndex
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
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { resources: { path: string; bytes: number; hash: string }[] }
    for (const r of pkg.resources) {
      const file = path.join(dir, r.path)
      if (!fs.existsSync(file)) continue
      const bytes = fs.readFileSync(file)
      if (bytes.length !== r.bytes || `sha256:${sha256(bytes)}` !== r.hash)
        problems.push(`${entry.version}/${r.path}: bytes or hash differ from datapackage.json`)
    }
  }
  for (const f of entry.files) {
    const file = path.join(dir, f.path)
    if (fs.existsSync(file) && sha256(fs.readFileSync(file)) !== f.sha256) problems.push(`${entry.version}/${f.path}: sha256 differs from index.json`)
  }
  return [...new Set(problems)]
}
