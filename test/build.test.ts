import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { stages } from '../pipeline/build.ts'
import { readCsvRows } from '../pipeline/store/csv.ts'
import { ROOT } from '../pipeline/store/layout.ts'
import { build, copyRaw, copyShared, SEED, snapshot, tempDir } from './helpers/build.ts'

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'second-source')
const rows = (dataset: string, table: string) => readCsvRows(path.join(dataset, `${table}.csv`))

/** `make dataset` on a raw/ folder, into out/ folders of the test's own. */
function makeDataset(raw: string, out: string) {
  const vars = [`RAW_DIR=${raw}`, `B=${path.join(out, 'build')}`, `DATASET=${path.join(out, 'dataset')}`]
  return spawnSync('make', ['--no-print-directory', 'dataset', ...vars], { cwd: ROOT, encoding: 'utf8' })
}

describe('make dataset', () => {
  it('names the failing stage, exits non-zero, keeps stdout clean and the previous dataset as it was; a no-op prints nothing', () => {
    const raw = copyRaw()
    const out = tempDir('make')
    const first = makeDataset(raw, out)
    expect([first.status, first.stdout]).toEqual([0, ''])
    expect(first.stderr).toMatch(
      /01-ingest: 1 source\(s\), 1 \(re\)done[\s\S]*06-export: sources 1,.*\nbuild: .*dataset in [\d.]+ s \(01-ingest [\d.]+, .*06-export [\d.]+\)\n$/,
    )
    const before = snapshot(path.join(out, 'dataset'))

    const notes = path.join(raw, SEED, 'annotations.yaml')
    const original = fs.readFileSync(notes, 'utf8')
    fs.writeFileSync(notes, original.replace('type: pledge', 'type: gift'))
    const broken = makeDataset(raw, out)
    expect(broken.status).not.toBe(0)
    expect(broken.stdout).toBe('')
    expect(broken.stderr).toMatch(/\n03-assemble: failed\n.*annotations\.yaml:\d+ \/funding\/0\/type\n {2}expected one of .*; found "gift"/)
    expect(snapshot(path.join(out, 'dataset'))).toEqual(before)

    fs.writeFileSync(notes, original)
    expect(makeDataset(raw, out).status).toBe(0)
    expect(snapshot(path.join(out, 'dataset'))).toEqual(before)
    expect(makeDataset(raw, out)).toMatchObject({ status: 0, stdout: '', stderr: '' })
  })

  it('rebuilds when a source is added or removed, not only when a file changes', () => {
    // a copy of the run's shared build: the first make records the signature of its inputs, the second has nothing to do
    const { raw, out } = copyShared()
    expect(makeDataset(raw, out).status).toBe(0)
    expect(makeDataset(raw, out)).toMatchObject({ status: 0, stdout: '', stderr: '' })
    fs.cpSync(FIXTURE, path.join(raw, '900_second_source_fixture'), { recursive: true })
    expect(makeDataset(raw, out).status).toBe(0)
    expect(rows(path.join(out, 'dataset'), 'sources')).toHaveLength(2)
    fs.rmSync(path.join(raw, '900_second_source_fixture'), { recursive: true })
    expect(makeDataset(raw, out).status).toBe(0)
    expect(rows(path.join(out, 'dataset'), 'sources').map((s) => s.source_id)).toEqual([SEED])
  })
})

describe('building again in the same process', () => {
  it('reads an entity list edited in place, not the one the previous build parsed', async () => {
    const raw = copyRaw()
    const out = tempDir('same-process')
    const entityMentions = (dataset: string, id: string) => rows(dataset, 'mentions').filter((m) => m.entity_id === id)
    expect(entityMentions(await build(raw, out), 'metaverse')).toEqual([])

    const file = path.join(raw, 'entities.json')
    const list = JSON.parse(fs.readFileSync(file, 'utf8'))
    list.entities.push({
      entity_id: 'metaverse',
      entity_type: 'product',
      name_en: 'Metaverse',
      name_zh: '元宇宙',
      aliases: [],
      wikidata_id: null,
      description_en: 'Shared virtual worlds.',
    })
    fs.writeFileSync(file, JSON.stringify(list, null, 2))
    const found = entityMentions(await build(raw, out), 'metaverse')
    const text = fs.readFileSync(path.join(raw, SEED, 'article.txt'), 'utf8')
    expect(found.length).toBe(text.split('元宇宙').length - 1)
    expect(found.every((m) => m.text === '元宇宙')).toBe(true)
  })
})

describe('each stage run alone', () => {
  const cli = (script: string, args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, encoding: 'utf8' })

  it('gives the bytes of the one-process build, run one by one with the options pipeline/build.ts passes', async () => {
    const raw = copyRaw()
    fs.cpSync(FIXTURE, path.join(raw, '900_second_source_fixture'), { recursive: true })
    const out = tempDir('alone')
    for (const s of stages({ raw, build: path.join(out, 'build'), out: path.join(out, 'dataset') })) {
      const run = cli(
        s.script,
        Object.entries(s.options).flatMap(([k, v]) => [`--${k}`, v]),
      )
      expect([s.name, run.status, run.stdout]).toEqual([s.name, 0, ''])
    }
    expect(snapshot(path.join(out, 'dataset'))).toEqual(snapshot(await build(raw, tempDir('together'))))
  })

  it('refuses an option it does not take, with its usage', () => {
    const run = cli('pipeline/02-extract.ts', ['--inptu', 'x'])
    expect(run.status).toBe(1)
    expect(run.stderr).toBe(
      "02-extract: failed\nUnknown option '--inptu'\nusage: node --import tsx pipeline/02-extract.ts [--input out/build/01-ingest] [--entities raw/entities.json] [--out out/build/02-extract]\n",
    )
  })
})
