/**
 * The partitioned output's core (pipeline/publish/partitioned.ts) and its SQL (pipeline/sql/partitioned/):
 * which year each row of each table is filed under, on a hand-made model in an in-memory DuckDB.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { DuckDBConnection } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checksums,
  contentHash,
  copyStatement,
  FIRST_REPORTED,
  ONE_THREAD,
  PARTITION_COLUMN,
  PARTITIONED_TABLES,
  partitionedSelect,
  partitionSqlFile,
} from '../../pipeline/publish/partitioned.ts'
import { ident, openDuckDB, rows } from '../../pipeline/store/duckdb.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { columns, TABLES, type TableName } from '../../pipeline/store/table-schemas.ts'
import { tempDir } from '../helpers/run.ts'

const sqlOf = (t: TableName | typeof FIRST_REPORTED) => fs.readFileSync(partitionSqlFile(t), 'utf8').trimEnd().replace(/;$/, '')

describe('the partitioned tables', () => {
  it('are every table of the dataset, each with a SQL file that states its grain and the table it partitions', () => {
    expect([...PARTITIONED_TABLES]).toEqual([...TABLES])
    for (const t of PARTITIONED_TABLES) {
      const [grain, of] = sqlOf(t).split('\n')
      expect(grain, t).toMatch(new RegExp(`^-- grain: one row per .*, with ${PARTITION_COLUMN}: `))
      expect(of, t).toBe(`-- partition of: ${t} (schemas/tables/${t}.schema.json)`)
    }
  })

  it('are written by PARTITION_BY on the year, one data_0.parquet per folder, with the export’s Parquet settings', () => {
    const copy = copyStatement('events', 'SELECT 1')
    expect(copy).toMatch(/^COPY \(SELECT "event_id", .*"review_status", "published_year" FROM \(\nSELECT 1\n\) ORDER BY "event_id"\) TO \$dir \(/)
    for (const option of [
      'PARTITION_BY ("published_year")',
      "FILENAME_PATTERN 'data_{i}'",
      'PER_THREAD_OUTPUT false',
      'COMPRESSION zstd, COMPRESSION_LEVEL 3, ROW_GROUP_SIZE 122880',
      'KV_METADATA {dataset: $dataset, schema_sha256: $schema}',
    ])
      expect(copy).toContain(option)
    expect(partitionedSelect('event_participants', 'SELECT 1')).toMatch(/ORDER BY "event_id", "entity_id", "role"$/)
  })
})

describe('the year a row is filed under', () => {
  let instance: Awaited<ReturnType<typeof openDuckDB>>['instance']
  let con: DuckDBConnection
  const yearsOf = async (t: TableName) => {
    const key = columns(t)[0].name
    const found = await rows(con, `SELECT ${ident(key)} AS id, ${PARTITION_COLUMN} AS y FROM (${partitionedSelect(t, sqlOf(t))})`)
    return Object.fromEntries(found.map((r) => [r.id, r.y === null ? null : Number(r.y)]))
  }

  beforeAll(async () => {
    ;({ instance, con } = await openDuckDB())
    for (const t of TABLES) await con.run(`CREATE TABLE ${ident(t)} (${columns(t).map((c) => `${ident(c.name)} ${c.type}`)})`)
    // three sources: 2021, 2023 and one without a date
    await con.run(`INSERT INTO sources (source_id, published_on) VALUES ('s21', DATE '2021-06-01'), ('s23', DATE '2023-01-31'), ('sx', NULL)`)
    // e1 reported in 2023 and 2021, e2 only by the undated source, e3 in 2023
    await con.run(`INSERT INTO events (event_id) VALUES ('e1'), ('e2'), ('e3')`)
    await con.run(`INSERT INTO funding (funding_id) VALUES ('f1')`)
    await con.run(`INSERT INTO metrics (metric_id) VALUES ('m1')`)
    await con.run(`INSERT INTO evidence (evidence_id, record_table, record_id, source_id) VALUES
      ('v1', 'events', 'e1', 's23'), ('v2', 'events', 'e1', 's21'), ('v3', 'events', 'e2', 'sx'), ('v4', 'events', 'e3', 's23'),
      ('v5', 'funding', 'f1', 'sx'), ('v6', 'funding', 'f1', 's23'), ('v7', 'metrics', 'm1', 's21')`)
    await con.run(`INSERT INTO event_participants (event_id, entity_id, role) VALUES ('e1', 'a', 'subject'), ('e2', 'b', 'subject')`)
    await con.run(`INSERT INTO funders (funding_id, entity_id) VALUES ('f1', 'b')`)
    // entity a is mentioned in 2023 and 2021, b only in the undated source, c nowhere
    await con.run(`INSERT INTO entities (entity_id) VALUES ('a'), ('b'), ('c')`)
    await con.run(
      `INSERT INTO mentions (mention_id, source_id, entity_id) VALUES ('n1', 's23', 'a'), ('n2', 's21', 'a'), ('n3', 'sx', 'b'), ('n4', 's23', NULL)`,
    )
    await con.run(`CREATE TEMP VIEW ${FIRST_REPORTED} AS ${sqlOf(FIRST_REPORTED)}`)
  })
  afterAll(() => {
    con.closeSync()
    instance.closeSync()
  })

  it('is a source’s year of publication, null when it has no date', async () => {
    expect(await yearsOf('sources')).toEqual({ s21: 2021, s23: 2023, sx: null })
  })

  it('is the year of the source a mention or an evidence span is in', async () => {
    expect(await yearsOf('mentions')).toEqual({ n1: 2023, n2: 2021, n3: null, n4: 2023 })
    expect(await yearsOf('evidence')).toEqual({ v1: 2023, v2: 2021, v3: null, v4: 2023, v5: null, v6: 2023, v7: 2021 })
  })

  it('is the earliest dated source that reports an event, funding or metric, and the same for its participants and funders', async () => {
    expect(await yearsOf('events')).toEqual({ e1: 2021, e2: null, e3: 2023 })
    expect(await yearsOf('funding')).toEqual({ f1: 2023 })
    expect(await yearsOf('metrics')).toEqual({ m1: 2021 })
    expect(await yearsOf('event_participants')).toEqual({ e1: 2021, e2: null })
    expect(await yearsOf('funders')).toEqual({ f1: 2023 })
  })

  it('is the earliest dated source that mentions an entity, null for one no dated source mentions', async () => {
    expect(await yearsOf('entities')).toEqual({ a: 2021, b: null, c: null })
  })
})

describe('the COPY on one thread', () => {
  it('keeps a large table’s rows in primary-key order in every folder, and the same bytes run after run', async () => {
    const { instance, con } = await openDuckDB()
    const dirs = [tempDir('partitioned-a'), tempDir('partitioned-b')]
    try {
      await con.run(ONE_THREAD)
      // 200,000 events in an order unlike their ids', over four years: several row groups and many chunks per folder
      const query = `SELECT md5(i::VARCHAR) AS event_id, ${columns('events')
        .slice(1)
        .map((c) => `NULL::${c.type} AS ${ident(c.name)}`)
        .join(', ')}, 2020 + i % 4 AS published_year FROM range(200000) r(i)`
      for (const dir of dirs) await con.run(copyStatement('events', query), { dir: path.join(dir, 'events'), dataset: 'd', schema: 's' } as never)
      const [bad] = await rows(
        con,
        `SELECT count(*)::INTEGER AS n FROM (SELECT event_id, lag(event_id) OVER (PARTITION BY filename ORDER BY file_row_number) AS before
         FROM read_parquet('${dirs[0]}/events/**/*.parquet', filename = true, file_row_number = true)) WHERE before >= event_id`,
      )
      expect(bad.n).toBe(0)
      const bytes = (dir: string) =>
        (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
          .filter((f) => f.endsWith('.parquet'))
          .sort()
          .map((f) => [f, sha256(fs.readFileSync(path.join(dir, f)))])
      expect(bytes(dirs[0])).toHaveLength(4)
      expect(bytes(dirs[1])).toEqual(bytes(dirs[0]))
    } finally {
      con.closeSync()
      instance.closeSync()
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('SHA256SUMS', () => {
  it('lists the files sorted by path, as sha256sum writes them, and names the folder by its hash', () => {
    const sums = checksums([
      { path: 'sources/published_year=2024/data_0.parquet', sha256: 'b'.repeat(64) },
      { path: 'events/published_year=2023/data_0.parquet', sha256: 'a'.repeat(64) },
    ])
    expect(sums).toBe(`${'a'.repeat(64)}  events/published_year=2023/data_0.parquet\n${'b'.repeat(64)}  sources/published_year=2024/data_0.parquet\n`)
    expect(contentHash(sums)).toMatch(/^[0-9a-f]{16}$/)
    expect(contentHash(sums)).not.toBe(contentHash(sums.replace('2023', '2022')))
  })
})
