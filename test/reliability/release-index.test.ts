/** Issue 13, case 7: index.json is checked, not trusted: latest, created, bytes and the files each release holds. */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { release } from '../../pipeline/cli/release.ts'
import { verify } from '../../pipeline/cli/verify.ts'
import type { ReleaseIndex } from '../../pipeline/publish/release-index.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { build, REAL_RAW, tempDir } from '../helpers/build.ts'
import { cleanRepo } from '../helpers/repo.ts'

let dataset: string
let published: string

/** A copy of two published releases (1.0.0 and 2.0.0 of the same data) whose index.json `edit` changes. */
function withIndex(edit: (index: ReleaseIndex) => void): string {
  const releases = tempDir('rel')
  fs.cpSync(published, releases, { recursive: true })
  const file = path.join(releases, 'index.json')
  const index = JSON.parse(fs.readFileSync(file, 'utf8'))
  edit(index)
  fs.writeFileSync(file, `${JSON.stringify(index, null, 2)}\n`)
  return releases
}

beforeAll(async () => {
  dataset = await build(REAL_RAW, tempDir('out'))
  published = tempDir('rel')
  const repo = cleanRepo()
  await release({ version: '1.0.0', dataset, releases: published, repo })
  // a second version of other data: the same rows with one more funder
  const grown = tempDir('ds')
  fs.cpSync(dataset, grown, { recursive: true, dereference: true })
  const pkgFile = path.join(grown, 'datapackage.json')
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'))
  pkg.resources = pkg.resources.filter((r: { name: string }) => r.name !== 'mentions-parquet' && r.name !== 'mentions')
  for (const f of ['mentions.csv', 'mentions.parquet']) fs.rmSync(path.join(grown, f))
  fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`)
  await release({ version: '2.0.0', dataset: grown, releases: published, repo })
})

describe('index.json', () => {
  it('is accepted as release writes it', () => {
    expect(verify(published)).toEqual([])
  })

  it('refuses latest pointing outside the releases (../dataset), in verify and site', () => {
    const releases = withIndex((i) => {
      i.latest = '../dataset'
    })
    expect(() => verify(releases)).toThrow(/index\.json \/latest\n {2}found "\.\.\/dataset", but the newest version listed is "2\.0\.0"/)
    const site = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli/site.ts', '--releases', releases, '--raw', REAL_RAW, '--out', tempDir('site')], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(site.status).toBe(1)
    expect(site.stderr).toMatch(/index\.json \/latest/)
  })

  it('refuses latest pointing at an older version, so release cannot accept a version below the newest', async () => {
    const releases = withIndex((i) => {
      i.latest = '1.0.0'
    })
    await expect(release({ version: '1.5.0', dataset, releases, repo: cleanRepo() })).rejects.toThrow(
      /index\.json \/latest\n {2}found "1\.0\.0", but the newest version listed is "2\.0\.0"/,
    )
  })

  it.each([
    [
      'a version that is a path',
      (i: ReleaseIndex) => (i.releases[0].version = '../x'),
      /\/releases\/0\/version\n {2}expected MAJOR\.MINOR\.PATCH; found "\.\.\/x"/,
    ],
    ['a created that is not a time', (i: ReleaseIndex) => (i.releases[0].created = 'yesterday'), /\/releases\/0\/created\n {2}expected a UTC time/],
    [
      'a file outside the release',
      (i: ReleaseIndex) => (i.releases[0].files[0].path = '../../etc/passwd'),
      /\/releases\/0\/files\/0\n {2}expected \{ path inside the release/,
    ],
  ])('refuses %s, naming its JSON pointer', (_, edit, message) => {
    expect(() => verify(withIndex(edit))).toThrow(message)
  })

  it('names a corrupt index.json', () => {
    const releases = tempDir('rel')
    fs.writeFileSync(path.join(releases, 'index.json'), '{"latest": ')
    expect(() => verify(releases)).toThrow(/index\.json \(document\)\n {2}not valid JSON/)
  })

  it('must agree with each release on created, bytes and which files it holds', () => {
    const releases = withIndex((i) => {
      i.releases[0].created = '2020-01-01T00:00:00Z'
      i.releases[0].files[1].bytes += 1
      i.releases[0].files.pop()
    })
    const problems = verify(releases)
    expect(problems).toContain('1.0.0/datapackage.json: created "2026-01-02T03:04:05Z", index.json says 2020-01-01T00:00:00Z')
    expect(problems.some((p) => /^1\.0\.0\/CITATION\.cff: \d+ bytes, index\.json says \d+$/.test(p))).toBe(true)
    expect(problems.some((p) => /^1\.0\.0\/\S+: not listed in index\.json$/.test(p))).toBe(true)
  })
})
