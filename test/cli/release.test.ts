import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { resolveVersionDir } from '../../pipeline/cli/diff.ts'
import { NOTES_LIMIT, release, releaseNotes } from '../../pipeline/cli/release.ts'
import { verify } from '../../pipeline/cli/verify.ts'
import { diffDatasets, diffMarkdown } from '../../pipeline/publish/row-changes.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { build, REAL_RAW, snapshot, tempDir } from '../helpers/build.ts'
import { frictionlessProblems } from '../helpers/frictionless.ts'
import { cleanRepo } from '../helpers/repo.ts'

let dataset: string

/** A clean git work tree with one commit at a fixed time, as a release needs. */

/** A copy of the built dataset with one CSV edited (the datapackage keeps describing it). */
function editedDataset(edit: (dir: string) => void): string {
  const dir = tempDir('ds')
  fs.cpSync(dataset, dir, { recursive: true, dereference: true })
  edit(dir)
  // release refuses files its datapackage.json does not describe: these tests edit both, as a build would
  const pkgFile = path.join(dir, 'datapackage.json')
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'))
  for (const r of pkg.resources) {
    const bytes = fs.readFileSync(path.join(dir, r.path))
    Object.assign(r, { ...(r.format === 'csv' ? { bytes: bytes.length } : {}), hash: `sha256:${sha256(bytes)}` })
  }
  fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`)
  return dir
}
const replaceIn = (file: string, from: string, to: string) => {
  const text = fs.readFileSync(file, 'utf8')
  if (!text.includes(from)) throw new Error(`test setup: ${from} not in ${file}`)
  fs.writeFileSync(file, text.replace(from, to))
}

beforeAll(async () => {
  dataset = await build(REAL_RAW, tempDir('out'))
})

describe('make release', () => {
  it('publishes a verifiable release whose SHA256SUMS passes sha256sum -c, and says it is the first', async () => {
    const releases = tempDir('rel')
    const dir = await release({ version: '1.0.0', dataset, releases, repo: cleanRepo() })
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })).toBe('')
    expect(fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(/## 1\.0\.0 \(2026-01-02\)\n\nFirst release/)
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8'))
    expect(pkg).toMatchObject({ version: '1.0.0', created: '2026-01-02T03:04:05Z' })
    expect(frictionlessProblems(pkg)).toEqual([])
    const citation = fs.readFileSync(path.join(dir, 'CITATION.cff'), 'utf8')
    for (const line of ['type: dataset', 'version: "1.0.0"', 'date-released: "2026-01-02"']) expect(citation).toContain(`\n${line}\n`)
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toMatch(/^---\n[\s\S]*license: cc-by-4\.0[\s\S]*---\n/)
    const index = JSON.parse(fs.readFileSync(path.join(releases, 'index.json'), 'utf8'))
    expect(index.latest).toBe('1.0.0')
    expect(index.releases[0].files.map((f: { path: string }) => f.path)).toContain('fengkou-1.0.0.tar.gz')
    expect(verify(releases)).toEqual([])
  })

  it('puts the committed release-notes/<version>.md above the computed changes in CHANGELOG.md', async () => {
    const repo = cleanRepo({ 'release-notes/1.0.0.md': 'Amounts are **decimals** now (`DECIMAL(38,4)`).\n' })
    const dir = await release({ version: '1.0.0', dataset, releases: tempDir('rel'), repo })
    expect(fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(
      /## 1\.0\.0 \(2026-01-02\)\n\nAmounts are \*\*decimals\*\* now \(`DECIMAL\(38,4\)`\)\.\n\nFirst release/,
    )
  })

  it('refuses release notes with raw HTML (naming the line) or over the limit, and reads none when there is no file', () => {
    const html = cleanRepo({ 'release-notes/1.0.0.md': 'fine\nsee <img src=x onerror=alert(1)>\n' })
    expect(() => releaseNotes(html, '1.0.0')).toThrow(/release-notes\/1\.0\.0\.md:2: raw HTML "<img src=x onerror=alert\(1\)>"/)
    const long = cleanRepo({ 'release-notes/1.0.0.md': 'x'.repeat(NOTES_LIMIT + 1) })
    expect(() => releaseNotes(long, '1.0.0')).toThrow(/at most 20000/)
    expect(releaseNotes(cleanRepo(), '1.0.0')).toBeNull()
    expect(releaseNotes(cleanRepo({ 'release-notes/1.0.0.md': 'a < b, and 1 < 2\n' }), '1.0.0')).toContain('1 < 2')
  })

  it('gives byte-identical files, archive included, when the same commit is released twice', async () => {
    const repo = cleanRepo()
    const a = await release({ version: '1.0.0', dataset, releases: tempDir('rel-a'), repo })
    const b = await release({ version: '1.0.0', dataset, releases: tempDir('rel-b'), repo })
    expect(snapshot(b)).toEqual(snapshot(a))
  })

  it.each([
    [undefined, /VERSION is required/],
    ['1.0', /must be semantic versioning MAJOR\.MINOR\.PATCH/],
    ['../x', /must be semantic versioning/],
    ['1.0.0-beta', /must be semantic versioning/],
  ])('refuses VERSION %s', async (version, message) => {
    await expect(release({ version, dataset, releases: tempDir('rel'), repo: cleanRepo() })).rejects.toThrow(message)
  })

  it('refuses a version that is published, or not greater than the latest, and changes nothing', async () => {
    const releases = tempDir('rel')
    const repo = cleanRepo()
    await release({ version: '1.2.0', dataset, releases, repo })
    const before = snapshot(path.join(releases, '1.2.0'))
    await expect(release({ version: '1.2.0', dataset, releases, repo })).rejects.toThrow(/1\.2\.0 is already published .* never overwritten/)
    await expect(release({ version: '1.1.9', dataset, releases, repo })).rejects.toThrow(/must be greater than the latest release, 1\.2\.0/)
    expect(snapshot(path.join(releases, '1.2.0'))).toEqual(before)
  })

  it('refuses when there is no build', async () => {
    await expect(release({ version: '1.0.0', dataset: tempDir('empty'), releases: tempDir('rel'), repo: cleanRepo() })).rejects.toThrow(
      /no build in .*; run make dataset first/,
    )
  })

  it('refuses a tree with uncommitted changes', async () => {
    const repo = cleanRepo()
    fs.writeFileSync(path.join(repo, 'file.txt'), 'edited\n')
    await expect(release({ version: '1.0.0', dataset, releases: tempDir('rel'), repo })).rejects.toThrow(/uncommitted changes[\s\S]*file\.txt/)
  })

  it('requires a patch for corrected values, a minor for new rows and a major for a retyped column', async () => {
    const releases = tempDir('rel')
    const repo = cleanRepo()
    await release({ version: '1.0.0', dataset, releases, repo })
    await expect(release({ version: '1.0.1', dataset, releases, repo })).rejects.toThrow(/nothing changed since 1\.0\.0/)

    const corrected = editedDataset((d) => replaceIn(path.join(d, 'funding.csv'), 'Elon Musk; Reid Hoffman', 'Elon Musk; Reid Hoffman; others'))
    const patch = await release({ version: '1.0.1', dataset: corrected, releases, repo })
    const changelog = fs.readFileSync(path.join(patch, 'CHANGELOG.md'), 'utf8')
    expect(changelog).toMatch(
      /## 1\.0\.1[\s\S]*changed `openai-founding-commitment-2015` funder_names: "Elon Musk; Reid Hoffman" → "Elon Musk; Reid Hoffman; others"[\s\S]*## 1\.0\.0/,
    )
    expect(fs.readFileSync(path.join(patch, 'changes', 'funding.csv'), 'utf8')).toMatch(
      /changed,openai-founding-commitment-2015,funder_names,Elon Musk; Reid Hoffman,Elon Musk; Reid Hoffman; others/,
    )

    const grown = editedDataset((d) => fs.appendFileSync(path.join(d, 'funders.csv'), 'musk-donation-claimed,microsoft,false\n'))
    await expect(release({ version: '1.0.2', dataset: grown, releases, repo })).rejects.toThrow(
      /1\.0\.1 -> 1\.0\.2 is a patch bump, but the change requires minor[\s\S]*added `musk-donation-claimed \| microsoft`/,
    )

    const retyped = editedDataset((d) =>
      replaceIn(
        path.join(d, 'datapackage.json'),
        '"name": "char_count",\n            "type": "integer"',
        '"name": "char_count",\n            "type": "number"',
      ),
    )
    await expect(release({ version: '1.1.0', dataset: retyped, releases, repo })).rejects.toThrow(
      /requires major[\s\S]*sources\.char_count: type changed from integer to number/,
    )
    expect(verify(releases)).toEqual([])
  })
})

describe('make verify', () => {
  it('finds every committed release in out/releases intact, each datapackage.json valid against the Frictionless v2 profiles', () => {
    const releases = path.join(REAL_RAW, '..', 'out', 'releases')
    expect(verify(releases)).toEqual([])
    const published = JSON.parse(fs.readFileSync(path.join(releases, 'index.json'), 'utf8')).releases as { version: string }[]
    expect(published.length).toBeGreaterThan(0)
    for (const { version } of published) {
      const descriptor = JSON.parse(fs.readFileSync(path.join(releases, version, 'datapackage.json'), 'utf8'))
      expect([version, frictionlessProblems(descriptor)]).toEqual([version, []])
    }
  })

  it('names each file of a release that was edited by hand, and a folder the index does not list', async () => {
    const releases = tempDir('rel')
    await release({ version: '1.0.0', dataset, releases, repo: cleanRepo() })
    fs.appendFileSync(path.join(releases, '1.0.0', 'events.csv'), 'x\n')
    fs.mkdirSync(path.join(releases, '9.9.9'))
    const problems = verify(releases)
    expect(problems).toContain('1.0.0/events.csv: sha256 does not match SHA256SUMS')
    expect(problems).toContain('1.0.0/events.csv: bytes or hash differ from datapackage.json')
    expect(problems).toContain('1.0.0/events.csv: sha256 differs from index.json')
    expect(problems).toContain('9.9.9/: a release folder that index.json does not list')
  })

  it('exits non-zero from the command line', () => {
    const releases = tempDir('rel')
    fs.mkdirSync(path.join(releases, '2.0.0'))
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', 'pipeline/cli/verify.ts', '--releases', releases], { stdio: 'pipe' })).toThrow(
      /a release folder that index\.json does not list/,
    )
  })
})

describe('make diff', () => {
  it('reports rows added, removed and changed, computed by DuckDB', async () => {
    const changed = editedDataset((d) => {
      replaceIn(path.join(d, 'metrics.csv'), ',30000000000,', ',31000000000,')
      const lines = fs.readFileSync(path.join(d, 'funders.csv'), 'utf8').split('\n')
      fs.writeFileSync(path.join(d, 'funders.csv'), [...lines.slice(0, 1), ...lines.slice(2)].join('\n'))
    })
    const d = await diffDatasets(dataset, changed)
    expect(d.required).toBe('minor')
    const metrics = d.tables.find((t) => t.table === 'metrics')
    expect(metrics?.changed).toEqual([{ key: 'openai-valuation-claimed-by-musk', column: 'value', old: '30000000000', new: '31000000000' }])
    expect(d.tables.find((t) => t.table === 'funders')?.removed).toHaveLength(1)
    expect(diffMarkdown(d)).toMatch(/\| metrics \| 0 \| 0 \| 1 \|/)
  })

  it('refuses a FROM or TO that is neither a published version nor build', () => {
    expect(() => resolveVersionDir('../etc', 'out/releases', 'out/dataset')).toThrow(/must be semantic versioning/)
    expect(() => resolveVersionDir(undefined, 'out/releases', 'out/dataset')).toThrow(/FROM and TO are required/)
  })
})
