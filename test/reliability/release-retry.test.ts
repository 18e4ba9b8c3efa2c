/** Issue 13, case 6: a release killed half-way is finished or undone by a retry, never stuck as "already published". */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { release } from '../../pipeline/cli/release.ts'
import { verify } from '../../pipeline/cli/verify.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { build, REAL_RAW, snapshot, tempDir } from '../helpers/build.ts'
import { cleanRepo } from '../helpers/repo.ts'

let dataset: string
let repo: string

/** make release as a child process, killed at `step`. */
function releaseKilledAt(step: string, releases: string) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'pipeline/cli/release.ts', '--version', '1.0.0', '--dataset', dataset, '--releases', releases, '--repo', repo, '--raw', REAL_RAW],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FENGKOU_CRASH_AT: step } },
  )
}

const listed = (releases: string) =>
  fs.existsSync(path.join(releases, 'index.json'))
    ? JSON.parse(fs.readFileSync(path.join(releases, 'index.json'), 'utf8')).releases.map((e: { version: string }) => e.version)
    : []

beforeAll(async () => {
  dataset = await build(REAL_RAW, tempDir('out'))
  repo = cleanRepo()
})

describe('a release killed half-way', () => {
  it('after the rename, before the index: verify names the unlisted folder, and a retry finishes it', async () => {
    const releases = tempDir('rel')
    expect(releaseKilledAt('release-renamed', releases).signal).toBe('SIGKILL')
    expect(fs.existsSync(path.join(releases, '1.0.0', 'SHA256SUMS'))).toBe(true)
    expect(listed(releases)).toEqual([])
    expect(verify(releases)).toEqual(['1.0.0/: a release folder that index.json does not list'])
    const before = snapshot(path.join(releases, '1.0.0'))
    await release({ version: '1.0.0', dataset, releases, repo })
    expect(listed(releases)).toEqual(['1.0.0'])
    expect(snapshot(path.join(releases, '1.0.0'))).toEqual(before)
    expect(verify(releases)).toEqual([])
  })

  it('before the rename: the retry removes the folder built aside and publishes', async () => {
    const releases = tempDir('rel')
    expect(releaseKilledAt('release-built', releases).signal).toBe('SIGKILL')
    expect(fs.readdirSync(releases)).toEqual([expect.stringMatching(/^\.1\.0\.0\.tmp-\d+$/)])
    await release({ version: '1.0.0', dataset, releases, repo })
    expect(fs.readdirSync(releases).sort()).toEqual(['1.0.0', 'index.json'])
    expect(verify(releases)).toEqual([])
  })

  it('an unlisted folder with other bytes is replaced, since it was never published', async () => {
    const releases = tempDir('rel')
    fs.mkdirSync(path.join(releases, '1.0.0'))
    fs.writeFileSync(path.join(releases, '1.0.0', 'half-written.csv'), 'a\n')
    await release({ version: '1.0.0', dataset, releases, repo })
    expect(fs.existsSync(path.join(releases, '1.0.0', 'half-written.csv'))).toBe(false)
    expect(verify(releases)).toEqual([])
  })

  it('a listed version is still never overwritten', async () => {
    const releases = tempDir('rel')
    await release({ version: '1.0.0', dataset, releases, repo })
    await expect(release({ version: '1.0.0', dataset, releases, repo })).rejects.toThrow(/1\.0\.0 is already published/)
  })
})
