import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { describe, expect, it } from 'vitest'
import { readCsvRows } from '../pipeline/store/csv.ts'
import { sha256 } from '../pipeline/store/files.ts'
import { TABLES } from '../pipeline/store/table-schemas.ts'
import { build, SEED, sharedBuild, snapshot, tempDir } from './helpers/build.ts'
import { frictionlessProblems } from './helpers/frictionless.ts'

const { raw, dataset } = sharedBuild()
const ARTICLE = path.join(raw, SEED, 'article.txt')

const csvRows = (table: string) => readCsvRows(path.join(dataset, `${table}.csv`))

describe('make dataset on the first article', () => {
  it('writes a CSV and a Parquet file for each of the nine tables', () => {
    expect(TABLES).toHaveLength(9)
    for (const t of TABLES) {
      expect(fs.existsSync(path.join(dataset, `${t}.csv`))).toBe(true)
      expect(fs.existsSync(path.join(dataset, `${t}.parquet`))).toBe(true)
    }
  })

  it('writes CSV as UTF-8 without BOM, with LF line ends and a header row', () => {
    const descriptor = JSON.parse(fs.readFileSync(path.join(dataset, 'datapackage.json'), 'utf8'))
    for (const t of TABLES) {
      const bytes = fs.readFileSync(path.join(dataset, `${t}.csv`))
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
      expect([t, text.charCodeAt(0)]).not.toEqual([t, 0xfeff])
      expect([t, text.includes('\r')]).toEqual([t, false])
      expect([t, text.endsWith('\n')]).toEqual([t, true])
      // the header row names the Table Schema's fields, in order
      const fields = descriptor.resources.find((r: { name: string }) => r.name === t).schema.fields.map((f: { name: string }) => f.name)
      expect([t, text.slice(0, text.indexOf('\n'))]).toEqual([t, fields.join(',')])
    }
  })

  it('reports the funding an analyst expects, with amounts taken from the text', () => {
    const funding = Object.fromEntries(csvRows('funding').map((r) => [r.funding_id, r]))
    expect(funding['openai-founding-commitment-2015']).toMatchObject({
      amount: '1000000000',
      currency: 'USD',
      funders_complete: 'false',
      date_start: '2015-01-01',
      funding_type: 'pledge',
    })
    expect(funding['microsoft-openai-2019']).toMatchObject({
      amount: '1000000000',
      currency: 'USD',
      date_start: '2019-03-11',
      date_end: '2019-09-11',
      date_qualifier: 'after',
      date_edtf: '2019-03-11/2019-09-11',
    })
    expect(funding['musk-donation-claimed']).toMatchObject({
      amount: '100000000',
      amount_qualifier: 'about',
      status: 'claimed',
      attributed_to: 'elon-musk',
      date_precision: 'unknown',
    })
    expect(funding['microsoft-openai-2019'].notes).toMatch(/by hand: 在不到半年的时间里/)
    // each amount is that of a money mention inside the row's evidence, so it was read from the article
    const money = csvRows('mentions').filter((m) => m.kind === 'money')
    const evidence = csvRows('evidence').filter((e) => e.record_table === 'funding')
    for (const f of Object.values(funding)) {
      const spans = evidence.filter((e) => e.record_id === f.funding_id)
      const read = money.filter((m) => spans.some((e) => Number(m.char_start) >= Number(e.char_start) && Number(m.char_end) <= Number(e.char_end)))
      expect(read.map((m) => [m.amount, m.currency, m.amount_qualifier])).toContainEqual([f.amount, f.currency, f.amount_qualifier])
    }
  })

  it('says in the mentions table how each currency was chosen, and leaves role and refusal empty where the figure has none', () => {
    const money = csvRows('mentions').filter((m) => m.kind === 'money')
    const billion = money.find((m) => m.text === '10亿美元')
    // 美元 is written next to the figure
    expect(billion).toMatchObject({ currency: 'USD', currency_rule: 'written', amount_role: '', amount_refused: '' })
    expect(money.every((m) => ['written', 'context', 'source_default', 'default'].includes(m.currency_rule))).toBe(true)
    expect(
      csvRows('mentions')
        .filter((m) => m.kind !== 'money')
        .every((m) => m.currency_rule === '' && m.amount_role === ''),
    ).toBe(true)
    expect(
      csvRows('mentions')
        .filter((m) => m.kind === 'number')
        .every((m) => m.number_refused === ''),
    ).toBe(true)
  })

  it('keeps the valuation out of funding and in metrics, as a claim', () => {
    expect(csvRows('funding').map((r) => r.amount)).not.toContain('30000000000')
    const valuation = csvRows('metrics').find((r) => r.measure === 'valuation')
    expect(valuation).toMatchObject({ value: '30000000000', unit: 'USD', status: 'claimed', attributed_to: 'elon-musk' })
  })

  it('leaves undated events with null dates and precision unknown', () => {
    const events = Object.fromEntries(csvRows('events').map((r) => [r.event_id, r]))
    for (const id of ['karpathy-joins-tesla', 'gpt-4-launched']) {
      expect(events[id]).toMatchObject({ date_start: '', date_end: '', date_precision: 'unknown', date_text: '' })
    }
    expect(events['musk-tweets-openai-controlled-by-microsoft']).toMatchObject({ date_start: '2023-02-17', date_text: '2月17日' })
    expect(events['chatgpt-passes-100-million-users']).toMatchObject({
      date_start: '2023-01-25',
      date_end: '2023-01-31',
      date_precision: 'part_of_month',
      date_qualifier: 'late',
    })
  })

  it('gives every event, funding and metric row evidence whose quote is the source slice', () => {
    const text = Array.from(fs.readFileSync(ARTICLE, 'utf8'))
    const evidence = csvRows('evidence')
    for (const e of evidence) expect(text.slice(Number(e.char_start), Number(e.char_end)).join('')).toBe(e.quote)
    const supported = new Set(evidence.map((e) => `${e.record_table}/${e.record_id}`))
    for (const [table, key] of [
      ['events', 'event_id'],
      ['funding', 'funding_id'],
      ['metrics', 'metric_id'],
    ]) {
      for (const r of csvRows(table)) expect(supported.has(`${table}/${r[key]}`)).toBe(true)
    }
  })

  it('records the source with its fingerprint and length', () => {
    // the committed article is already NFC with LF line ends, so its bytes are the text the pipeline hashes
    const bytes = fs.readFileSync(ARTICLE)
    expect(csvRows('sources')).toEqual([
      expect.objectContaining({
        source_id: SEED,
        char_count: String(Array.from(bytes.toString('utf8')).length),
        text_sha256: createHash('sha256').update(bytes).digest('hex'),
        published_on: '',
      }),
    ])
  })

  it('writes Parquet with the same rows and values as the CSV, read by DuckDB', async () => {
    const instance = await DuckDBInstance.create(':memory:')
    const con = await instance.connect()
    const csv = `read_csv($c, header = true, all_varchar = false, auto_type_candidates = ['BOOLEAN','BIGINT','DOUBLE','DATE','VARCHAR'])`
    for (const t of TABLES) {
      // EXCEPT ALL both ways: every row, duplicates counted, is in both files
      const reader = await con.runAndReadAll(
        `SELECT (SELECT count(*) FROM (FROM read_parquet($p) EXCEPT ALL FROM ${csv}))::INTEGER AS only_parquet,
                (SELECT count(*) FROM (FROM ${csv} EXCEPT ALL FROM read_parquet($p)))::INTEGER AS only_csv,
                (SELECT count(*) FROM read_parquet($p))::INTEGER AS rows`,
        { p: path.join(dataset, `${t}.parquet`), c: path.join(dataset, `${t}.csv`) } as never,
      )
      expect([t, reader.getRowObjectsJson()[0]]).toEqual([t, { only_parquet: 0, only_csv: 0, rows: csvRows(t).length }])
    }
    con.closeSync()
    instance.closeSync()
  })

  it('writes Parquet that an independent reader (hyparquet) reads to the CSV values', async () => {
    for (const t of ['funding', 'events', 'evidence']) {
      const buf = fs.readFileSync(path.join(dataset, `${t}.parquet`))
      const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
      const parquet = (await parquetReadObjects({ file, compressors })) as Record<string, unknown>[]
      const csv = csvRows(t)
      expect(parquet).toHaveLength(csv.length)
      parquet.forEach((row, i) => {
        expect([t, Object.keys(row)]).toEqual([t, Object.keys(csv[i])])
        for (const [k, v] of Object.entries(row)) {
          const expected = csv[i][k]
          // null is the empty field; a date is its day; a number is compared as a number (DECIMAL(38,4) 1e9 is written 1000000000)
          if (v === null || v === undefined) expect([t, k, expected]).toEqual([t, k, ''])
          else if (v instanceof Date) expect([t, k, v.toISOString().slice(0, 10)]).toEqual([t, k, expected])
          else if (typeof v === 'number') expect([t, k, expected === '' ? null : Number(expected)]).toEqual([t, k, v])
          else expect([t, k, String(v)]).toEqual([t, k, expected])
        }
      })
    }
  })

  it('writes a datapackage.json valid against the Frictionless v2 profiles, with true sizes and hashes', () => {
    const descriptor = JSON.parse(fs.readFileSync(path.join(dataset, 'datapackage.json'), 'utf8'))
    expect(frictionlessProblems(descriptor)).toEqual([])
    // the yardstick can fail: a field type the standard does not have, a resource without a path
    const [first] = descriptor.resources
    const broken = { ...descriptor, resources: [{ ...first, path: undefined, schema: { ...first.schema, fields: [{ name: 'x', type: 'text' }] } }] }
    expect(frictionlessProblems(broken)).toEqual([
      expect.stringMatching(/^datapackage: /),
      expect.stringMatching(/^sources: /),
      expect.stringMatching(/^sources schema: /),
    ])
    for (const r of descriptor.resources) {
      const bytes = fs.readFileSync(path.join(dataset, r.path))
      // a byte count for CSV only: the Frictionless validator cannot count Parquet bytes and would call any count wrong
      expect(r.bytes).toBe(r.format === 'csv' ? bytes.length : undefined)
      expect(r.hash).toBe(`sha256:${sha256(bytes)}`)
    }
    expect(descriptor.resources.find((r: { name: string }) => r.name === 'funding').schema.primaryKey).toEqual(['funding_id'])
  })

  it('is deterministic: a second build of the same inputs is byte-identical', async () => {
    // the shared build ran in another process (the CLI); this one runs in the test's
    const again = await build(raw, tempDir('again'))
    expect(snapshot(again)).toEqual(snapshot(dataset))
  })
})
