/**
 * Issue 13, case 5: out/dataset is replaced by one rename(2), so a crash at any step of the export
 * leaves a whole dataset (the old or the new), leftovers are removed at the next start, and make
 * never deletes a file the export wrote.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { descriptorProblems } from '../../pipeline/publish/dataset-check.ts'
import { openDuckDB } from '../../pipeline/store/duckdb.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { build, copyRaw, snapshot, tempDir } from '../helpers/build.ts'

let built: string
let changedModel: string

/** A copy of the built out/ folder (links kept as they are), whose model differs from the dataset in one value. */
function copyOut(): { out: string; dataset: string; model: string } {
  const out = tempDir('swap')
  fs.cpSync(built, out, { recursive: true, verbatimSymlinks: true })
  fs.copyFileSync(changedModel, path.join(out, 'build', '05-model', 'dataset.duckdb'))
  return { out, dataset: path.join(out, 'dataset'), model: path.join(out, 'build', '05-model', 'dataset.duckdb') }
}

function exportStage(model: string, dataset: string, crashAt?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/06-export.ts', '--model', model, '--out', dataset], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FENGKOU_CRASH_AT: crashAt ?? '' },
  })
}

const summary = (dataset: string) => (fs.readFileSync(path.join(dataset, 'events.csv'), 'utf8').includes('A value changed for the crash test') ? 'new' : 'old')
const beside = (dataset: string) =>
  fs
    .readdirSync(path.dirname(dataset))
    .filter((f) => f.includes('dataset'))
    .sort()

beforeAll(async () => {
  built = tempDir('built')
  await build(copyRaw(), built)
  changedModel = path.join(tempDir('model'), 'dataset.duckdb')
  fs.copyFileSync(path.join(built, 'build', '05-model', 'dataset.duckdb'), changedModel)
  const { instance, con } = await openDuckDB(changedModel)
  await con.run("UPDATE events SET summary_en = 'A value changed for the crash test' WHERE event_id = 'gpt-4-launched'")
  con.closeSync()
  instance.closeSync()
})

describe('the export swap', () => {
  it('makes out/dataset a link to a versioned folder beside it', () => {
    const dataset = path.join(built, 'dataset')
    expect(fs.lstatSync(dataset).isSymbolicLink()).toBe(true)
    expect(fs.readlinkSync(dataset)).toMatch(/^\.dataset-[0-9a-f]{16}$/)
    expect(descriptorProblems(dataset)).toEqual([])
  })

  it.each([
    ['written', 'old'],
    ['folder', 'old'],
    ['link', 'old'],
    ['swapped', 'new'],
  ])('leaves a whole dataset when killed at step %s (the %s one), and the next export cleans up', (step, which) => {
    const { dataset, model } = copyOut()
    const killed = exportStage(model, dataset, step)
    expect(killed.signal).toBe('SIGKILL')
    expect(descriptorProblems(dataset)).toEqual([])
    expect(summary(dataset)).toBe(which)
    expect(beside(dataset).length).toBeGreaterThan(2)

    expect(exportStage(model, dataset).status).toBe(0)
    expect(summary(dataset)).toBe('new')
    expect(beside(dataset)).toEqual([fs.readlinkSync(dataset), 'dataset'])
  })

  it('replaces a real folder left by the earlier export, and removes its dataset.tmp-PID and dataset.old-PID folders', () => {
    const { out, dataset, model } = copyOut()
    const real = path.join(out, 'real')
    fs.cpSync(dataset, real, { recursive: true, dereference: true })
    for (const f of fs.readdirSync(out)) if (f.includes('dataset')) fs.rmSync(path.join(out, f), { recursive: true })
    fs.renameSync(real, dataset)
    // pids above the kernel's maximum (4194304) belong to no process
    for (const f of ['dataset.tmp-99999999', 'dataset.old-99999998']) fs.mkdirSync(path.join(out, f))
    expect(exportStage(model, dataset).status).toBe(0)
    expect(fs.lstatSync(dataset).isSymbolicLink()).toBe(true)
    expect(summary(dataset)).toBe('new')
    expect(beside(dataset)).toEqual([fs.readlinkSync(dataset), 'dataset'])
  })
})

/** The dataset a full export of `model` writes, with no previous export to keep anything from. */
function fullExport(model: string): string {
  const fresh = path.join(tempDir('full'), 'model', 'dataset.duckdb')
  fs.mkdirSync(path.dirname(fresh))
  fs.copyFileSync(model, fresh)
  const dataset = path.join(path.dirname(path.dirname(fresh)), 'dataset')
  expect(exportStage(fresh, dataset).status).toBe(0)
  return dataset
}

describe('the export after a change', () => {
  it('keeps the files of the tables whose rows did not change (the same file, linked) and writes the others', () => {
    const { dataset, model } = copyOut()
    const inode = (file: string) => fs.statSync(path.join(dataset, file)).ino
    const before = { sources: inode('sources.parquet'), events: inode('events.csv'), report: inode('build-report.csv') }
    const r = exportStage(model, dataset)
    expect(r.stderr).toMatch(/06-export: 1 table\(s\) written, 8 unchanged and kept from the previous export/)
    expect(inode('sources.parquet')).toBe(before.sources)
    expect(inode('build-report.csv')).toBe(before.report)
    expect(inode('events.csv')).not.toBe(before.events)
    expect(summary(dataset)).toBe('new')
    expect(snapshot(dataset)).toEqual(snapshot(fullExport(model)))
    expect(beside(dataset)).toEqual([fs.readlinkSync(dataset), 'dataset'])
  })

  it('writes the build report again when its rows changed, as a full export writes it', async () => {
    const { dataset, model } = copyOut()
    expect(exportStage(model, dataset).status).toBe(0)
    const report = path.join(dataset, 'build-report.csv')
    const before = fs.readFileSync(report, 'utf8')
    const { instance, con } = await openDuckDB(model)
    await con.run("INSERT INTO merge_conflicts (source_id, record_table, record_id, reasons) VALUES ('000_x', 'funding', 'f-1', 'conflict: a test')")
    con.closeSync()
    instance.closeSync()
    expect(exportStage(model, dataset).status).toBe(0)
    expect(fs.readFileSync(report, 'utf8')).toBe(`${before}000_x,funding,f-1,conflict: a test\n`)
    expect(snapshot(dataset)).toEqual(snapshot(fullExport(model)))
  })

  it('writes again a kept file edited by hand, even one whose edit kept its size and modification time', () => {
    const { dataset, model } = copyOut()
    expect(exportStage(model, dataset).status).toBe(0)
    const file = path.join(dataset, 'sources.csv')
    const { atime, mtime } = fs.statSync(file)
    const text = fs.readFileSync(file, 'utf8')
    // one letter of the first row changed: the same size
    const at = text.indexOf('e', text.indexOf('\n'))
    const edited = `${text.slice(0, at)}x${text.slice(at + 1)}`
    expect([at > 0, edited.length]).toEqual([true, text.length])
    fs.writeFileSync(file, edited)
    fs.utimesSync(file, atime, mtime)
    const r = exportStage(model, dataset)
    expect(r.stderr).toMatch(/06-export: 1 table\(s\) written, 8 unchanged/)
    expect(fs.readFileSync(path.join(dataset, 'sources.csv'), 'utf8')).toBe(text)
    expect(descriptorProblems(dataset)).toEqual([])
  })
})

describe('make dataset killed after the swap', () => {
  it('keeps out/dataset/datapackage.json (make deletes only its stamp) and rebuilds at the next make', () => {
    const raw = copyRaw()
    const out = tempDir('make-kill')
    const vars = [`RAW_DIR=${raw}`, `B=${path.join(out, 'build')}`, `DATASET=${path.join(out, 'dataset')}`]
    const make = (crashAt = '') =>
      spawnSync('make', ['--no-print-directory', 'dataset', ...vars], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FENGKOU_CRASH_AT: crashAt } })
    expect(make().status).toBe(0)
    fs.appendFileSync(path.join(raw, '000_2e1e9aed17e7acf1', 'article.txt'), '\n这是为测试补充的一句话。')
    expect(make('swapped').status).not.toBe(0)
    expect(descriptorProblems(path.join(out, 'dataset'))).toEqual([])
    expect(fs.readFileSync(path.join(out, 'dataset', 'sources.csv'), 'utf8')).not.toBe('')
    const again = make()
    expect(again.status).toBe(0)
    expect(again.stderr).toMatch(/06-export: sources 1/)
    expect(beside(path.join(out, 'dataset'))).toEqual([fs.readlinkSync(path.join(out, 'dataset')), 'dataset'])
    expect(make()).toMatchObject({ status: 0, stderr: '' })
  })
})
