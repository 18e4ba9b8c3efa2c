/**
 * `make partitioned` (pipeline/cli/partitioned.ts): every table of a built model as Hive-partitioned
 * Parquet that DuckDB reads back as the dataset's rows, byte-identical from run to run, written aside
 * and swapped in, and refused with the model's name when the model is missing or not one.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { beforeAll, describe, expect, it } from 'vitest'
import { main as buildDataset } from '../../pipeline/build.ts'
import { main as partitioned } from '../../pipeline/cli/partitioned.ts'
import { openDuckDB, rows } from '../../pipeline/store/duckdb.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { columns, TABLES, tableSchema } from '../../pipeline/store/table-schemas.ts'
import { machineCorpus, quietly, snapshotTree, tempDir } from '../helpers/build.ts'

const parquetGlob = (dir: string, t: string) => `read_parquet('${path.join(dir, t)}/**/*.parquet', hive_partitioning = true)`

describe('the partitioned output of a ten-article corpus', () => {
  let raw: string
  let out: string
  let model: string
  let dataset: string
  let first: string
  beforeAll(async () => {
    raw = machineCorpus('partitioned-raw')
    out = tempDir('partitioned-out')
    model = path.join(out, 'build', '05-model', 'dataset.duckdb')
    dataset = path.join(out, 'dataset')
    first = path.join(out, 'partitioned')
    await quietly(() => buildDataset({ raw, build: path.join(out, 'build'), out: dataset }))
    await quietly(() => partitioned({ model, out: first }))
  })

  it('gives back every table’s rows, no more and no fewer, read by DuckDB with hive partitioning', async () => {
    const { instance, con } = await openDuckDB()
    try {
      for (const t of TABLES) {
        const cols = columns(t)
          .map((c) => `"${c.name}"`)
          .join(', ')
        const parts = `(SELECT ${cols} FROM ${parquetGlob(first, t)})`
        const whole = `(SELECT ${cols} FROM read_parquet('${path.join(dataset, `${t}.parquet`)}'))`
        const [c] = await rows(
          con,
          `SELECT (SELECT count(*) FROM ${parts})::INTEGER AS parts, (SELECT count(*) FROM ${whole})::INTEGER AS whole,
            (SELECT count(*) FROM (${parts} EXCEPT ALL ${whole}))::INTEGER AS extra, (SELECT count(*) FROM (${whole} EXCEPT ALL ${parts}))::INTEGER AS missing`,
        )
        expect(c, t).toEqual({ parts: c.whole, whole: c.whole, extra: 0, missing: 0 })
      }
      // the comparison proves something: the corpus has rows in the record tables, over more than one year
      const [n] = await rows(con, `SELECT count(*)::INTEGER AS funding, count(DISTINCT published_year)::INTEGER AS years FROM ${parquetGlob(first, 'funding')}`)
      expect(n.funding).toBeGreaterThan(0)
      expect(n.years).toBeGreaterThan(1)
    } finally {
      con.closeSync()
      instance.closeSync()
    }
  })

  it('files a source under the year it was published, and keeps each file in primary-key order without the year inside', async () => {
    const { instance, con } = await openDuckDB()
    try {
      const misfiled = await rows(
        con,
        `SELECT source_id, published_on, published_year FROM ${parquetGlob(first, 'sources')} WHERE published_year IS DISTINCT FROM year(published_on)`,
      )
      expect(misfiled).toEqual([])
      for (const t of TABLES) {
        const key = tableSchema(t)['x-primaryKey'].map((k) => `"${k}"`)
        const out = await rows(
          con,
          `SELECT count(*)::INTEGER AS n FROM (SELECT (${key.join(', ')}) AS k, lag((${key.join(', ')})) OVER (PARTITION BY filename ORDER BY file_row_number) AS before
           FROM read_parquet('${path.join(first, t)}/**/*.parquet', filename = true, file_row_number = true)) WHERE before >= k`,
        )
        expect(out[0].n, t).toBe(0)
        const inside = await rows(con, `SELECT DISTINCT name FROM parquet_schema('${path.join(first, t)}/**/*.parquet') WHERE name = 'published_year'`)
        expect(inside, t).toEqual([])
      }
      const meta = async (file: string) => rows(con, `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${file}') ORDER BY key`)
      const one = Object.keys(snapshotTree(first)).find((f) => f.startsWith('events/')) as string
      expect(await meta(path.join(first, one))).toEqual(await meta(path.join(dataset, 'events.parquet')))
    } finally {
      con.closeSync()
      instance.closeSync()
    }
  })

  it('gives byte-identical files from the same model, into another folder or again into the same one', async () => {
    const a = snapshotTree(first)
    expect(Object.keys(a)).toContain('SHA256SUMS')
    expect(Object.keys(a).filter((f) => f.startsWith('funding/published_year=')).length).toBeGreaterThan(1)
    const second = path.join(tempDir('partitioned-again'), 'partitioned')
    await quietly(() => partitioned({ model, out: second }))
    expect(snapshotTree(second)).toEqual(a)
    const target = fs.readlinkSync(first)
    await quietly(() => partitioned({ model, out: first }))
    expect(fs.readlinkSync(first)).toBe(target)
    expect(snapshotTree(first)).toEqual(a)
  })

  it('removes what an interrupted run left beside the folder at the next start, and nothing else', async () => {
    const dir = path.dirname(first)
    // a process id no process has (above the kernel's limit)
    const dead = path.join(dir, '.partitioned.tmp-99999999')
    fs.mkdirSync(path.join(dead, 'events'), { recursive: true })
    const stale = path.join(dir, '.partitioned-0123456789abcdef')
    fs.mkdirSync(stale)
    await quietly(() => partitioned({ model, out: first }))
    expect(fs.existsSync(dead)).toBe(false)
    expect(fs.existsSync(stale)).toBe(false)
    expect(fs.readdirSync(dir).sort()).toEqual([fs.readlinkSync(first), fs.readlinkSync(dataset), 'build', 'dataset', 'partitioned'].sort())
  })

  it('refuses a missing model, a file that is not a database, and a database without the tables, naming the file; the output stays as it was', async () => {
    const before = snapshotTree(first)
    const dir = tempDir('partitioned-bad')
    const missing = path.join(dir, 'nowhere.duckdb')
    await expect(quietly(() => partitioned({ model: missing, out: first }))).rejects.toThrow(`${missing}: no such file`)
    const garbage = path.join(dir, 'garbage.duckdb')
    fs.writeFileSync(garbage, 'not a database\n')
    await expect(quietly(() => partitioned({ model: garbage, out: first }))).rejects.toThrow(`${garbage}: could not open it as a DuckDB database`)
    const empty = path.join(dir, 'empty.duckdb')
    const db = await DuckDBInstance.create(empty)
    const con = await db.connect()
    await con.run('CREATE TABLE sources (source_id VARCHAR)')
    con.closeSync()
    db.closeSync()
    await expect(quietly(() => partitioned({ model: empty, out: first }))).rejects.toThrow(
      `${empty}: no table ${TABLES.filter((t) => t !== 'sources').join(', ')}: found sources, expected the model of make dataset`,
    )
    expect(snapshotTree(first)).toEqual(before)
    expect(fs.readdirSync(path.dirname(first)).filter((f) => f.includes('.tmp-'))).toEqual([])
  })

  it('is what `make partitioned` writes, into the folder PARTITIONED names, with stdout clean and progress on stderr', () => {
    const folder = path.join(tempDir('partitioned-make'), 'parts')
    const vars = [`RAW_DIR=${raw}`, `B=${path.join(out, 'build')}`, `DATASET=${dataset}`, `PARTITIONED=${folder}`]
    const run = spawnSync('make', ['--no-print-directory', 'partitioned', ...vars], { cwd: ROOT, encoding: 'utf8' })
    expect(run.stdout).toBe('')
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/\npartitioned: funding: \d+ rows in \d+ published_year folders\n/)
    expect(snapshotTree(folder)).toEqual(snapshotTree(first))
    const shard = spawnSync('make', ['--no-print-directory', 'partitioned', 'SHARD=1/2', ...vars], { cwd: ROOT, encoding: 'utf8' })
    expect(shard.status).not.toBe(0)
    expect(shard.stderr).toContain('partitioned: SHARD=1/2 builds one shard')
  })
})
