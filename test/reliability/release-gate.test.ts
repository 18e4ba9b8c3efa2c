/** Issue 13, case 1: a release publishes only what a build made, and make verify compares each release's CSV with its Parquet. */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { release } from '../../pipeline/cli/release.ts'
import { verify, verifyRows } from '../../pipeline/cli/verify.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { build, REAL_RAW, tempDir } from '../helpers/build.ts'
import { cleanRepo } from '../helpers/repo.ts'

let dataset: string

/** A copy of the build whose funding.csv says 9e9 where the build (and its Parquet) says 1e9. */
function handEdited({ rehash }: { rehash: boolean }): string {
  const dir = tempDir('ds')
  fs.cpSync(dataset, dir, { recursive: true, dereference: true })
  const file = path.join(dir, 'funding.csv')
  const text = fs.readFileSync(file, 'utf8')
  const from = '1000000000,USD,exact,,,1000000000'
  if (!text.includes(from)) throw new Error(`test setup: ${from} not in ${file}`)
  fs.writeFileSync(file, text.replace(from, '9000000000,USD,exact,,,9000000000'))
  if (rehash) {
    const pkgFile = path.join(dir, 'datapackage.json')
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'))
    const bytes = fs.readFileSync(file)
    Object.assign(
      pkg.resources.find((r: { path: string }) => r.path === 'funding.csv'),
      { bytes: bytes.length, hash: `sha256:${sha256(bytes)}` },
    )
    fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`)
  }
  return dir
}

beforeAll(async () => {
  dataset = await build(REAL_RAW, tempDir('out'))
})

describe('make release publishes only what a build made', () => {
  it('refuses a CSV edited by hand, naming the file and what datapackage.json says, and publishes nothing', async () => {
    const releases = tempDir('rel')
    const edited = handEdited({ rehash: false })
    await expect(release({ version: '1.0.2', dataset: edited, releases, repo: cleanRepo() })).rejects.toThrow(
      /does not match its datapackage\.json[\s\S]*funding\.csv: \d+ bytes, sha256:[0-9a-f]{64}; datapackage\.json says/,
    )
    expect(fs.readdirSync(releases)).toEqual([])
  })

  it('refuses a file the descriptor does not list', async () => {
    const dir = tempDir('ds')
    fs.cpSync(dataset, dir, { recursive: true, dereference: true })
    fs.writeFileSync(path.join(dir, 'extra.csv'), 'a\n1\n')
    await expect(release({ version: '1.0.0', dataset: dir, releases: tempDir('rel'), repo: cleanRepo() })).rejects.toThrow(
      /extra\.csv: not listed in datapackage\.json/,
    )
  })

  it('refuses a CSV edited by hand with its hash updated, because a fresh build of raw/ differs', async () => {
    const releases = tempDir('rel')
    await expect(release({ version: '1.0.2', dataset: handEdited({ rehash: true }), releases, repo: cleanRepo(), raw: REAL_RAW })).rejects.toThrow(
      /is not what a fresh build of .* makes[\s\S]*funding\.csv: differs from a fresh build of the commit/,
    )
    expect(fs.readdirSync(releases)).toEqual([])
  })

  it('publishes the build itself after comparing it with a fresh build', async () => {
    const releases = tempDir('rel')
    await release({ version: '1.0.0', dataset, releases, repo: cleanRepo(), raw: REAL_RAW })
    expect(verify(releases)).toEqual([])
    expect(await verifyRows(releases)).toEqual([])
  })

  it('refuses from the command line, which always compares with a fresh build of raw/', () => {
    const releases = tempDir('rel')
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'pipeline/cli/release.ts',
        '--version',
        '1.0.2',
        '--dataset',
        handEdited({ rehash: true }),
        '--releases',
        releases,
        '--repo',
        cleanRepo(),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    )
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/funding\.csv: differs from a fresh build of the commit/)
  })
})

describe('make verify compares the rows of each CSV with its Parquet', () => {
  it('names the table of a release whose CSV says 9e9 where its Parquet says 1e9, though every checksum matches', async () => {
    const releases = tempDir('rel')
    // the library call without raw/ stands for a release made before this check existed
    await release({ version: '1.0.0', dataset: handEdited({ rehash: true }), releases, repo: cleanRepo() })
    expect(verify(releases)).toEqual([])
    expect(await verifyRows(releases)).toEqual([
      '1.0.0/funding.csv, funding.parquet: 1 row(s) only in the CSV and 1 only in the Parquet (expected the same rows)',
    ])
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli/verify.ts', '--releases', releases], { cwd: ROOT, encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('1.0.0/funding.csv, funding.parquet: 1 row(s) only in the CSV')
  })
})
