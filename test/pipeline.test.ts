import fs from 'node:fs'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { beforeAll, describe, expect, it } from 'vitest'
import { readCsvRows } from '../pipeline/store/csv.ts'
import { sha256 } from '../pipeline/store/files.ts'
import { TABLES } from '../pipeline/store/table-schemas.ts'
import { build, REAL_RAW, tempDir } from './helpers/build.ts'
import { frictionlessProblems } from './helpers/frictionless.ts'

let dataset: string
beforeAll(async () => {
  dataset = await build(REAL_RAW, tempDir('out'))
})

const csvRows = (table: string) => readCsvRows(path.join(dataset, `${table}.csv`))

describe('make dataset on the first article', () => {
  it('writes a CSV and a Parquet file for each of the nine tables', () => {
    for (const t of TABLES) {
      expect(fs.existsSync(path.join(dataset, `${t}.csv`))).toBe(true)
      expect(fs.existsSync(path.join(dataset, `${t}.parquet`))).toBe(true)
    }
  })

  it('writes CSV as UTF-8 without BOM, with LF line ends and a header row', () => {
    for (const t of TABLES) {
      const bytes = fs.readFileSync(path.join(dataset, `${t}.csv`))
      expect(bytes.subarray(0, 3).toString('hex')).not.toBe('efbbbf')
      expect(bytes.includes(Buffer.from('\r\n'))).toBe(false)
      expect(bytes.toString('utf8').endsWith('\n')).toBe(true)
    }
    expect(fs.readFileSync(path.join(dataset, 'events.csv'), 'utf8').split('\n')[0]).toMatch(/^event_id,event_type,subject_id,/)
  })

  it('reports the funding an analyst expects, with amounts taken from the text', () => {
    const funding = Object.fromEntries(csvRows('funding').map((r) => [r.funding_id, r]))
    expect(funding['openai-founding-commitment-2015']).toMatchObject({
      amount: '1000000000.0',
      currency: 'USD',
      funders_complete: 'false',
      date_start: '2015-01-01',
      funding_type: 'pledge',
    })
    expect(funding['microsoft-openai-2019']).toMatchObject({
      amount: '1000000000.0',
      currency: 'USD',
      date_start: '2019-03-11',
      date_end: '2019-09-11',
      date_qualifier: 'after',
      date_edtf: '2019-03-11/2019-09-11',
    })
    expect(funding['musk-donation-claimed']).toMatchObject({
      amount: '100000000.0',
      amount_qualifier: 'about',
      status: 'claimed',
      attributed_to: 'elon-musk',
      date_precision: 'unknown',
    })
    expect(funding['microsoft-openai-2019'].notes).toMatch(/by hand: 在不到半年的时间里/)
  })

  it('keeps the valuation out of funding and in metrics, as a claim', () => {
    expect(csvRows('funding').map((r) => r.amount)).not.toContain('30000000000.0')
    const valuation = csvRows('metrics').find((r) => r.measure === 'valuation')
    expect(valuation).toMatchObject({ value: '30000000000.0', unit: 'USD', status: 'claimed', attributed_to: 'elon-musk' })
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
    const text = Array.from(fs.readFileSync(path.join(REAL_RAW, '000_2e1e9aed17e7acf1', 'article.txt'), 'utf8'))
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
    expect(csvRows('sources')[0]).toMatchObject({
      source_id: '000_2e1e9aed17e7acf1',
      char_count: '2166',
      text_sha256: 'a9ca3fa3dfc1578c3618510159e3aac650686ebfec6cd6dc01128b4a449a5338',
      published_on: '',
    })
  })

  it('writes Parquet with the same rows and values as the CSV, read by DuckDB', async () => {
    const instance = await DuckDBInstance.create(':memory:')
    const con = await instance.connect()
    for (const t of TABLES) {
      const reader = await con.runAndReadAll(
        `SELECT count(*)::INTEGER AS n FROM (SELECT * FROM read_parquet($p) EXCEPT SELECT * FROM read_csv($c, header = true, all_varchar = false, auto_type_candidates = ['BOOLEAN','BIGINT','DOUBLE','DATE','VARCHAR']))`,
        { p: path.join(dataset, `${t}.parquet`), c: path.join(dataset, `${t}.csv`) } as never,
      )
      expect([t, reader.getRowObjectsJson()[0].n]).toEqual([t, 0])
      const counts = await con.runAndReadAll('SELECT (SELECT count(*) FROM read_parquet($p))::INTEGER AS p', { p: path.join(dataset, `${t}.parquet`) } as never)
      expect(counts.getRowObjectsJson()[0].p).toBe(csvRows(t).length)
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
        for (const [k, v] of Object.entries(row)) {
          const shown = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : String(v)
          const expected = csv[i][k]
          if (typeof v === 'number') expect(Number(expected)).toBe(v)
          else expect(shown).toBe(expected)
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
      expect(r.bytes).toBe(bytes.length)
      expect(r.hash).toBe(`sha256:${sha256(bytes)}`)
    }
    expect(descriptor.resources.find((r: { name: string }) => r.name === 'funding').schema.primaryKey).toEqual(['funding_id'])
  })

  it('is deterministic: a second build of the same inputs is byte-identical', async () => {
    const again = await build(REAL_RAW, tempDir('out2'))
    for (const f of fs.readdirSync(dataset)) {
      expect([f, sha256(fs.readFileSync(path.join(again, f)))]).toEqual([f, sha256(fs.readFileSync(path.join(dataset, f)))])
    }
  })
})
