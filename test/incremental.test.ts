import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { main as ingest } from '../pipeline/01-ingest.ts'
import { generate, type Truth } from '../pipeline/bench/generate-corpus.ts'
import { readCsvRows } from '../pipeline/store/csv.ts'
import { stageOptions } from '../pipeline/store/layout.ts'
import { readManifest } from '../pipeline/store/manifest.ts'
import { build, buildAsMake, quietly, snapshot, tempDir } from './helpers/build.ts'
import { modelTables as tablesOf } from './helpers/checks.ts'

const rows = (dataset: string, table: string) => readCsvRows(path.join(dataset, `${table}.csv`))
/** Every table the model of a build's out/ folder stores, each as its rows in order (read from a copy). */
const modelTables = (out: string) => tablesOf(path.join(out, 'build', '05-model', 'dataset.duckdb'))
const mtimes = (dir: string) => Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]))

/** A generated corpus of n articles (generate-corpus.ts, from `seed`) in a folder of its own, and an empty out/ folder for its builds. */
function corpusOf(name: string, n: number, seed: number, tier?: 'machine'): { corpus: string; raw: string; out: string } {
  const corpus = tempDir(name)
  generate(n, corpus, seed, tier)
  return { corpus, raw: path.join(corpus, 'raw'), out: tempDir(`${name}-out`) }
}

afterEach(() => {
  delete process.env.FENGKOU_WORKERS
})

describe('a generated corpus through the whole pipeline', () => {
  it('gives the same bytes on two cores as on one, with every planted amount and date recovered', async () => {
    const { corpus, raw } = corpusOf('corpus', 80, 7)
    process.env.FENGKOU_WORKERS = '2'
    const parallel = await build(raw, tempDir('par'))
    process.env.FENGKOU_WORKERS = '1'
    const serial = await build(raw, tempDir('ser'))
    expect(snapshot(parallel)).toEqual(snapshot(serial))

    const truth = fs
      .readFileSync(path.join(corpus, 'truth.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Truth)
    const funding = new Map(rows(parallel, 'funding').map((r) => [r.funding_id, r]))
    const planted = truth.filter((t) => t.kind === 'funding')
    expect(planted.length).toBeGreaterThan(80)
    for (const t of planted) {
      const row = funding.get(t.id)
      expect([t.id, row?.currency, row?.amount_qualifier, row?.date_start, row?.date_end]).toEqual([
        t.id,
        t.money?.currency,
        t.money?.qualifier,
        t.when?.start,
        t.when?.end,
      ])
      expect(row?.amount === '' ? null : Number(row?.amount)).toBe(t.money?.amount)
    }
  })
})

describe('incremental rebuilds', () => {
  it('redo only the source that changed, and drop the outputs of a source that left', async () => {
    const { raw, out } = corpusOf('inc', 5, 11)
    await build(raw, out)
    const extractDir = path.join(out, 'build', '02-extract')
    const before = mtimes(extractDir)
    const keysBefore = readManifest(extractDir)

    fs.appendFileSync(path.join(raw, 'bench-000002', 'article.txt'), '\n据悉，这是一条后来补充的消息。')
    fs.rmSync(path.join(raw, 'bench-000005'), { recursive: true })
    const dataset = await build(raw, out)

    const after = mtimes(extractDir)
    const keysAfter = readManifest(extractDir)
    expect(Object.keys(keysAfter)).toEqual(['bench-000001', 'bench-000002', 'bench-000003', 'bench-000004'])
    expect(keysAfter['bench-000002']).not.toBe(keysBefore['bench-000002'])
    expect(after['bench-000002.json']).toBeGreaterThan(before['bench-000002.json'])
    for (const id of ['bench-000001', 'bench-000003', 'bench-000004']) expect(after[`${id}.json`]).toBe(before[`${id}.json`])
    expect(fs.existsSync(path.join(extractDir, 'bench-000005.json'))).toBe(false)
    expect(rows(dataset, 'sources').map((s) => s.source_id)).toEqual(['bench-000001', 'bench-000002', 'bench-000003', 'bench-000004'])
    // the model was updated in place for the two sources; a build from nothing gives the same bytes
    expect(snapshot(dataset)).toEqual(snapshot(await build(raw, tempDir('inc-fresh'))))
  })

  it('give the dataset of a build from nothing when reports of merged flows change, leave and come back (machine tier)', async () => {
    const { corpus, raw, out } = corpusOf('inc-merged', 150, 23, 'machine')
    const first = await build(raw, out)
    const firstBytes = snapshot(first)
    // sources of flows merged from several reports (the notes name them), taken from different flows
    const merged = rows(first, 'funding').flatMap((r) => /merged from \d+ reports \(([^)]+)\)/.exec(r.notes)?.[1].split(', ') ?? [])
    const picked = [...new Set(merged)].filter((_, i) => i % 3 === 0).slice(0, 4)
    expect(picked).toHaveLength(4)
    const stash = tempDir('inc-merged-stash')
    for (const id of picked.slice(0, 2)) fs.renameSync(path.join(raw, id), path.join(stash, id))
    // the other two lose the second half of their text, and with it some of their records
    for (const id of picked.slice(2)) {
      const file = path.join(raw, id, 'article.txt')
      const text = fs.readFileSync(file, 'utf8')
      fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 2)))
    }
    const changed = await build(raw, out)
    expect(snapshot(changed)).toEqual(snapshot(await build(raw, tempDir('inc-merged-fresh'))))
    expect(snapshot(changed)).not.toEqual(firstBytes)
    // everything back as it was: the first dataset, byte for byte
    for (const id of picked.slice(0, 2)) fs.renameSync(path.join(stash, id), path.join(raw, id))
    generate(150, corpus, 23, 'machine')
    expect(snapshot(await build(raw, out))).toEqual(firstBytes)
  }, 300_000)

  it('keep the previous model when a check fails, and build on it afterwards', async () => {
    const { raw, out } = corpusOf('rollback', 4, 13)
    const first = snapshot(await build(raw, out))
    const model = await modelTables(out)
    expect(Object.keys(model)).toContain('funding')
    const notes = path.join(raw, 'bench-000003', 'annotations.yaml')
    const original = fs.readFileSync(notes, 'utf8')
    // the same funding id in two articles with different amounts: the sources disagree
    fs.writeFileSync(notes, original.replace(/(funding:\n {2}- id: )\S+/, '$1bench-000001-round-1'))
    await expect(build(raw, out)).rejects.toThrow(/check funding_reported_differently failed for 1 row/)
    expect(snapshot(path.join(out, 'dataset'))).toEqual(first)
    expect(await modelTables(out)).toEqual(model)
    fs.writeFileSync(notes, original)
    expect(snapshot(await build(raw, out))).toEqual(first)
    expect(await modelTables(out)).toEqual(model)
  })
})

/** What each per-article stage said it did: "<sources> source(s), <redone> (re)done", and how many changed sources it looked at (null: a full check). */
function stagesDid(log: string): Record<string, string> {
  const said = [...log.matchAll(/^(0[1-4]-[a-z]+): (\d+) source\(s\), (\d+) \(re\)done(?: \((\d+) changed source\(s\) looked at\))?$/gm)]
  return Object.fromEntries(said.map((m) => [m[1], `${m[2]} sources, ${m[3]} redone, ${m[4] === undefined ? 'full check' : `${m[4]} looked at`}`]))
}

describe("builds from make's list of raw/ (the signature's entries)", () => {
  it('look only at the sources that changed since the last complete build, and give the dataset of a build from nothing', async () => {
    const { raw, out } = corpusOf('listed', 12, 31)
    const stash = tempDir('listed-stash')
    fs.renameSync(path.join(raw, 'bench-000012'), path.join(stash, 'bench-000012'))
    const all = (did: string) => Object.fromEntries(['01-ingest', '02-extract', '03-assemble', '04-validate'].map((s) => [s, did]))
    expect(stagesDid((await buildAsMake(raw, out)).log)).toEqual(all('11 sources, 11 redone, full check'))
    expect(stagesDid((await buildAsMake(raw, out)).log)).toEqual(all('11 sources, 0 redone, 0 looked at'))

    fs.appendFileSync(path.join(raw, 'bench-000002', 'article.txt'), '\n据悉，这是一条后来补充的消息。')
    fs.rmSync(path.join(raw, 'bench-000005'), { recursive: true })
    const notes = path.join(raw, 'bench-000007', 'annotations.yaml')
    fs.writeFileSync(notes, fs.readFileSync(notes, 'utf8').replace(/summary_en: (.*)/, 'summary_en: $1 (as revised)'))
    fs.renameSync(path.join(stash, 'bench-000012'), path.join(raw, 'bench-000012'))
    // touched, not changed: looked at, and not redone
    const same = path.join(raw, 'bench-000009', 'article.txt')
    fs.writeFileSync(same, fs.readFileSync(same))
    const { result, log } = await buildAsMake(raw, out)
    expect(stagesDid(log)).toEqual({
      '01-ingest': '11 sources, 2 redone, 4 looked at',
      '02-extract': '11 sources, 2 redone, 2 looked at',
      '03-assemble': '11 sources, 3 redone, 4 looked at',
      '04-validate': '11 sources, 3 redone, 3 looked at',
    })
    expect(rows(result, 'events').find((r) => r.event_id.startsWith('bench-000007'))?.summary_en).toMatch(/\(as revised\)$/)
    expect(snapshot(result)).toEqual(snapshot(await build(raw, tempDir('listed-fresh'))))
  }, 120_000)

  it('check every source after a stage ran alone or the entity list changed, and give the dataset of a build from nothing', async () => {
    const { raw, out } = corpusOf('unlisted', 6, 37)
    await buildAsMake(raw, out)
    // 01-ingest run alone after an edit: its manifest has the new key, so the next build cannot learn from it what changed
    fs.appendFileSync(path.join(raw, 'bench-000003', 'article.txt'), '\n据悉，这是一条后来补充的消息。')
    await quietly(() => ingest(stageOptions({ raw, build: path.join(out, 'build'), out: path.join(out, 'dataset') })['01-ingest']))
    const alone = await buildAsMake(raw, out)
    expect(stagesDid(alone.log)).toEqual({
      '01-ingest': '6 sources, 0 redone, full check',
      '02-extract': '6 sources, 1 redone, full check',
      '03-assemble': '6 sources, 1 redone, full check',
      '04-validate': '6 sources, 1 redone, full check',
    })
    expect(snapshot(alone.result)).toEqual(snapshot(await build(raw, tempDir('unlisted-fresh'))))

    // a name the list gains changes what 02-extract finds in every article: one listed entry, every source checked
    const file = path.join(raw, 'entities.json')
    const list = JSON.parse(fs.readFileSync(file, 'utf8'))
    list.entities[0].aliases.push('用户')
    fs.writeFileSync(file, `${JSON.stringify(list, null, 1)}\n`)
    const listed = await buildAsMake(raw, out)
    expect(stagesDid(listed.log)['01-ingest']).toBe('6 sources, 0 redone, 0 looked at')
    expect(stagesDid(listed.log)['02-extract']).toBe('6 sources, 6 redone, full check')
    expect(rows(listed.result, 'mentions').filter((m) => m.text === '用户').length).toBeGreaterThan(0)
    expect(snapshot(listed.result)).toEqual(snapshot(await build(raw, tempDir('unlisted-fresh-2'))))
  }, 120_000)

  it('build a source whose id is the name of the record a stage keeps of its basis', async () => {
    const { raw, out } = corpusOf('named', 3, 43)
    const [from, to] = [path.join(raw, 'bench-000002'), path.join(raw, 'basis')]
    fs.renameSync(from, to)
    for (const file of ['source.json', 'annotations.yaml'])
      fs.writeFileSync(
        path.join(to, file),
        fs
          .readFileSync(path.join(to, file), 'utf8')
          .replaceAll('source_id: bench-000002', 'source_id: basis')
          .replace('"source_id": "bench-000002"', '"source_id": "basis"'),
      )
    await buildAsMake(raw, out)
    fs.appendFileSync(path.join(to, 'article.txt'), '\n据悉，这是一条后来补充的消息。')
    const { result, log } = await buildAsMake(raw, out)
    expect(stagesDid(log)['02-extract']).toBe('3 sources, 1 redone, 1 looked at')
    expect(rows(result, 'sources').map((r) => r.source_id)).toContain('basis')
    expect(snapshot(result)).toEqual(snapshot(await build(raw, tempDir('named-fresh'))))
  }, 120_000)

  it('check every source after a build that stopped between a full check and the stages after it', async () => {
    const { raw, out } = corpusOf('gap', 6, 41)
    await buildAsMake(raw, out)
    const options = stageOptions({ raw, build: path.join(out, 'build'), out: path.join(out, 'dataset') })
    // 01-ingest run alone: the next build's 01 checks every source
    await quietly(() => ingest(options['01-ingest']))
    const entities = path.join(raw, 'entities.json')
    const list = fs.readFileSync(entities)
    // signed with nothing changed; then, during the build, an article is edited and the entity list broken: 01 reads the
    // new text in its full check, and 02 stops before it starts
    const during = () => {
      fs.appendFileSync(path.join(raw, 'bench-000004', 'article.txt'), '\n据悉，公司今年的员工人数增加到300人。')
      fs.writeFileSync(entities, '{')
    }
    await expect(buildAsMake(raw, out, during)).rejects.toThrow(/entities\.json/)
    fs.writeFileSync(entities, list)
    const { result, log } = await buildAsMake(raw, out)
    expect(stagesDid(log)['02-extract']).toBe('6 sources, 1 redone, full check')
    expect(snapshot(result)).toEqual(snapshot(await build(raw, tempDir('gap-fresh'))))
  }, 120_000)
})
