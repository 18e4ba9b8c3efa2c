import fs from 'node:fs'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import { readIndex } from '../pipeline/publish/release-index.ts'
import { ROOT } from '../pipeline/store/layout.ts'

const RELEASES = path.join(ROOT, 'out', 'releases')
const QUERIES = path.join(ROOT, 'examples', 'queries')

async function answer(query: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:')
  const con = await instance.connect()
  await con.run('SET VARIABLE release = $dir', { dir: path.join(RELEASES, readIndex(RELEASES).latest as string) } as never)
  const reader = await con.runAndReadAll(fs.readFileSync(path.join(QUERIES, query), 'utf8'))
  const rows = reader.getRowObjectsJson() as Record<string, unknown>[]
  con.closeSync()
  instance.closeSync()
  return rows
}

describe('the notebook questions, run by DuckDB against the latest release', () => {
  it('totals OpenAI funding by funder and type without claims or valuations', async () => {
    // a float (releases up to 1.0.1) or a decimal (later: DuckDB gives its text), compared as a number
    const rows = (await answer('openai-funding-by-funder.sql')).map((r) => ({ ...r, amount: Number(r.amount), amount_usd: Number(r.amount_usd) }))
    expect(rows).toEqual([
      { funders: 'Elon Musk; Reid Hoffman', funders_complete: false, funding_type: 'pledge', currency: 'USD', amount: 1e9, amount_usd: 1e9 },
      { funders: 'Microsoft', funders_complete: true, funding_type: 'investment', currency: 'USD', amount: 1e9, amount_usd: 1e9 },
    ])
  })

  it('lists the dated timeline from the 2015 founding to the 2023 tweets', async () => {
    const rows = await answer('dated-timeline.sql')
    expect(rows.map((r) => r.date_text)).toEqual([
      '2015年',
      '2018年初',
      '2018年初',
      '2019年3月11日',
      '2019年3月11日',
      '2022年11月',
      '2023年1月底',
      '2月17日',
      '2月17日',
    ])
    expect(rows[0]).toMatchObject({ date_start: '2015-01-01', date_end: '2015-12-31', date_precision: 'year', event_type: 'founded' })
  })

  it('reads the latest release from index.json in every language, never a version written into a path', () => {
    const notebook = fs.readFileSync(path.join(ROOT, 'examples', 'fengkou.ipynb'), 'utf8')
    expect(notebook).not.toMatch(/releases\/\d+\.\d+\.\d+/)
    expect(notebook.match(/index\.json/g)?.length).toBeGreaterThanOrEqual(2)
  })

  it('uses the same query files the notebook reads', () => {
    const notebook = fs.readFileSync(path.join(ROOT, 'examples', 'fengkou.ipynb'), 'utf8')
    const read = new Set([...notebook.matchAll(/queries\/([\w.-]+\.sql)/g)].map((m) => m[1]))
    expect([...read].sort()).toEqual(fs.readdirSync(QUERIES).sort())
  })
})
