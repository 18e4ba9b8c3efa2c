/** Issue 13, case 12: every error names its file: an alias bomb, a full disk, a corrupt release, a re-signed edit. */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { release } from '../../pipeline/cli/release.ts'
import { verify } from '../../pipeline/cli/verify.ts'
import { diffDatasets } from '../../pipeline/publish/row-changes.ts'
import { sha256, writeFileAtomic } from '../../pipeline/store/files.ts'
import { build, copyRaw, REAL_RAW, tempDir } from '../helpers/build.ts'
import { cleanRepo } from '../helpers/repo.ts'

const SEED = '000_2e1e9aed17e7acf1'
let dataset: string

beforeAll(async () => {
  dataset = await build(REAL_RAW, tempDir('out'))
})

describe('errors name their file', () => {
  it('a YAML alias bomb in annotations.yaml', async () => {
    const raw = copyRaw()
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ]
    fs.writeFileSync(path.join(raw, SEED, 'annotations.yaml'), `${bomb.join('\n')}\n`)
    await expect(build(raw, tempDir('out'))).rejects.toThrow(new RegExp(`${SEED}/annotations\\.yaml \\(document\\)\\n  not accepted as YAML: .*alias`, 'i'))
  })

  it('a full disk while a stage writes its output (ENOSPC, from /dev/full)', async () => {
    const out = tempDir('out')
    const target = path.join(out, 'build', '01-ingest', `${SEED}.json`)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.symlinkSync('/dev/full', `${target}.tmp-${process.pid}`)
    await expect(build(copyRaw(), out)).rejects.toThrow(new RegExp(`01-ingest/${SEED}\\.json: could not write it: ENOSPC`))
    expect(fs.existsSync(`${target}.tmp-${process.pid}`)).toBe(false)
  })

  it('writeFileAtomic names the file when the disk is full', () => {
    const file = path.join(tempDir('w'), 'out.json')
    fs.symlinkSync('/dev/full', `${file}.tmp-${process.pid}`)
    expect(() => writeFileAtomic(file, 'x')).toThrow(/out\.json: could not write it: ENOSPC/)
  })

  it('a corrupt datapackage.json of a release, in verify and diff', async () => {
    const releases = tempDir('rel')
    await release({ version: '1.0.0', dataset, releases, repo: cleanRepo() })
    fs.writeFileSync(path.join(releases, '1.0.0', 'datapackage.json'), '{"resources": [')
    expect(verify(releases)).toContain('1.0.0/datapackage.json: not a valid data package (Unexpected end of JSON input)')
    await expect(diffDatasets(path.join(releases, '1.0.0'), dataset)).rejects.toThrow(/1\.0\.0\/datapackage\.json: could not read it as JSON/)
  })

  it('verify names the edited file when SHA256SUMS was re-signed to match it', async () => {
    const releases = tempDir('rel')
    await release({ version: '1.0.0', dataset, releases, repo: cleanRepo() })
    const dir = path.join(releases, '1.0.0')
    fs.appendFileSync(path.join(dir, 'events.csv'), 'x\n')
    const sums = fs
      .readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8')
      .replace(/^[0-9a-f]{64}(?= {2}events\.csv$)/m, sha256(fs.readFileSync(path.join(dir, 'events.csv'))))
    fs.writeFileSync(path.join(dir, 'SHA256SUMS'), sums)
    const problems = verify(releases)
    expect(problems).toContain('1.0.0/events.csv: sha256 differs from index.json')
    expect(problems).toContain('1.0.0/events.csv: bytes or hash differ from datapackage.json')
    expect(problems[0]).toMatch(/^1\.0\.0\/events\.csv: /)
  })
})
