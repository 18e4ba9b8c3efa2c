/**
 * Issue 13, case 2: nothing outside raw/ is read: symbolic links under raw/ are refused with the file named. And a
 * source folder's name, however it reads, names that source's outputs alone.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCsvRows } from '../../pipeline/store/csv.ts'
import { listSources } from '../../pipeline/store/sources.ts'
import { build, buildAsMake, copyRaw, REAL_RAW, snapshot, tempDir } from '../helpers/build.ts'

const SEED = '000_2e1e9aed17e7acf1'

/** raw/ with a second source 002_leak whose files are copies of the seed's, the article replaced by `link`. */
function rawWithLeak(link: (raw: string) => void): string {
  const raw = copyRaw()
  const leak = path.join(raw, '002_leak')
  fs.mkdirSync(leak)
  const meta = JSON.parse(fs.readFileSync(path.join(REAL_RAW, SEED, 'source.json'), 'utf8'))
  fs.writeFileSync(path.join(leak, 'source.json'), JSON.stringify({ ...meta, source_id: '002_leak' }))
  link(raw)
  return raw
}

describe('symbolic links under raw/', () => {
  it('refuses an article that is a link to a file outside raw/, naming it and its target', async () => {
    const outside = path.join(tempDir('outside'), 'secret.txt')
    fs.writeFileSync(outside, '一段不该被发布的文字。\n')
    const raw = rawWithLeak((r) => fs.symlinkSync(outside, path.join(r, '002_leak', 'article.txt')))
    await expect(build(raw, tempDir('out'))).rejects.toThrow(/002_leak\/article\.txt[\s\S]*a symbolic link \(to .*secret\.txt\); expected a plain file/)
  })

  it('refuses a link even when it points inside raw/', () => {
    const raw = rawWithLeak((r) => fs.symlinkSync(path.join('..', SEED, 'article.txt'), path.join(r, '002_leak', 'article.txt')))
    expect(() => listSources(raw)).toThrow(/002_leak\/article\.txt[\s\S]*a symbolic link/)
  })

  it('refuses an annotations file that is a link to the annotations moved out of raw/', async () => {
    const raw = copyRaw()
    const moved = path.join(tempDir('notes'), 'annotations.yaml')
    fs.renameSync(path.join(raw, SEED, 'annotations.yaml'), moved)
    fs.symlinkSync(moved, path.join(raw, SEED, 'annotations.yaml'))
    await expect(build(raw, tempDir('out'))).rejects.toThrow(new RegExp(`${SEED}/annotations\\.yaml[\\s\\S]*a symbolic link \\(to .*annotations\\.yaml\\)`))
  })

  it('refuses a source.json that is a link inside raw/, in the build', async () => {
    const raw = rawWithLeak((r) => {
      fs.renameSync(path.join(r, '002_leak', 'source.json'), path.join(r, '002_leak', 'meta.json'))
      fs.symlinkSync('meta.json', path.join(r, '002_leak', 'source.json'))
      fs.copyFileSync(path.join(r, SEED, 'article.txt'), path.join(r, '002_leak', 'article.txt'))
    })
    await expect(build(raw, tempDir('out'))).rejects.toThrow(/002_leak\/source\.json[\s\S]*a symbolic link \(to meta\.json\)/)
  })

  it('refuses a source folder that is a link instead of skipping it silently', () => {
    const raw = copyRaw()
    const elsewhere = tempDir('src')
    fs.cpSync(path.join(raw, SEED), elsewhere, { recursive: true })
    fs.symlinkSync(elsewhere, path.join(raw, '003_linked'))
    expect(() => listSources(raw)).toThrow(/003_linked[\s\S]*a symbolic link/)
  })

  it('refuses a linked entity list', () => {
    const raw = copyRaw()
    const moved = path.join(tempDir('ent'), 'entities.json')
    fs.renameSync(path.join(raw, 'entities.json'), moved)
    fs.symlinkSync(moved, path.join(raw, 'entities.json'))
    expect(() => listSources(raw)).toThrow(/entities\.json[\s\S]*a symbolic link/)
  })

  it('lists the real raw/ folder, which holds no link', () => {
    expect(listSources(REAL_RAW)).toContain(SEED)
  })
})

describe('source ids that read like a stage’s own files', () => {
  it('builds sources named "manifest" and "file-hashes" like any other, from nothing and again after one of them changed', async () => {
    const raw = copyRaw()
    const meta = JSON.parse(fs.readFileSync(path.join(REAL_RAW, SEED, 'source.json'), 'utf8'))
    const article = fs.readFileSync(path.join(REAL_RAW, SEED, 'article.txt'), 'utf8')
    for (const id of ['manifest', 'file-hashes']) {
      fs.mkdirSync(path.join(raw, id))
      fs.writeFileSync(path.join(raw, id, 'source.json'), JSON.stringify({ ...meta, source_id: id }))
      fs.writeFileSync(path.join(raw, id, 'article.txt'), article)
    }
    const out = tempDir('out')
    await buildAsMake(raw, out)
    fs.appendFileSync(path.join(raw, 'manifest', 'article.txt'), '\n2023年3月，一家基金向某公司投资了500万美元。')
    await buildAsMake(raw, out)
    const ids = readCsvRows(path.join(out, 'dataset', 'sources.csv')).map((r) => r.source_id)
    expect(ids.sort()).toEqual([SEED, 'file-hashes', 'manifest'].sort())
    const fresh = tempDir('fresh')
    await build(raw, fresh)
    expect(snapshot(path.join(out, 'dataset'))).toEqual(snapshot(path.join(fresh, 'dataset')))
  })
})
