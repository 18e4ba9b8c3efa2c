/**
 * partitioned: the model -> every table as Hive-partitioned Parquet, for readers of a corpus too large
 * to read whole (README, "Scale"). Which tables, which key and which COPY: pipeline/publish/partitioned.ts.
 * in:  out/build/05-model/dataset.duckdb (make dataset), pipeline/sql/partitioned/*.sql
 * out: out/partitioned/<table>/published_year=<YYYY>/data_0.parquet and SHA256SUMS of them all; out is a
 *      link to a folder beside it, swapped in by one rename (pipeline/store/swap-folder.ts)
 * The same model gives byte-identical files. Not part of datapackage.json or of a release.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { DuckDBConnection } from '@duckdb/node-api'
import {
  CHECKSUMS,
  checksums,
  contentHash,
  copyStatement,
  DATASET_NAME,
  EMPTY_PARTITION,
  emptyCopyStatement,
  FIRST_REPORTED,
  ONE_THREAD,
  PARTITION_COLUMN,
  PARTITIONED_TABLES,
  partitionSqlFile,
  schemaSha256,
} from '../publish/partitioned.ts'
import { ident, openDuckDB, rows, runSqlFile } from '../store/duckdb.ts'
import { sha256 } from '../store/files.ts'
import { displayPath, parseOptions } from '../store/layout.ts'
import { isMain, log, runStage, UserError } from '../store/run.ts'
import { startAside, swapIn } from '../store/swap-folder.ts'

export interface PartitionedOptions {
  /** the model's DuckDB database, which is only read */
  model: string
  /** the folder to write (a link to a versioned folder beside it) */
  out: string
}

/** Opens the model read-only, refusing a missing file or one that is not the model's database, by its name. */
async function openModel(model: string) {
  if (!fs.existsSync(model))
    throw new UserError(`${displayPath(model)}: no such file: found nothing, expected the model's DuckDB database (make dataset writes it)`)
  try {
    return await openDuckDB(model, { access_mode: 'READ_ONLY' })
  } catch (err) {
    throw new UserError(`${displayPath(model)}: could not open it as a DuckDB database: ${(err as Error).message}`)
  }
}

async function assertTables(con: DuckDBConnection, model: string): Promise<void> {
  const found = new Set((await rows(con, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'")).map((r) => String(r.table_name)))
  const missing = PARTITIONED_TABLES.filter((t) => !found.has(t))
  if (missing.length)
    throw new UserError(
      `${displayPath(model)}: no table ${missing.join(', ')}: found ${found.size ? [...found].sort().join(', ') : 'no tables'}, expected the model of make dataset`,
    )
}

/** Writes one table's folder under tmp; a failure names the folder it was writing. Returns rows and folders written. */
async function writeTable(con: DuckDBConnection, table: (typeof PARTITIONED_TABLES)[number], tmp: string, out: string) {
  const dir = path.join(tmp, table)
  const sql = partitionSqlFile(table)
  const query = fs.readFileSync(sql, 'utf8').trimEnd().replace(/;$/, '')
  const params = { dataset: DATASET_NAME, schema: schemaSha256() }
  const [{ n }] = await rows(con, `SELECT count(*)::INTEGER AS n FROM ${ident(table)}`)
  try {
    if (Number(n) > 0) await con.run(copyStatement(table, query), { ...params, dir } as never)
    else {
      fs.mkdirSync(path.join(dir, EMPTY_PARTITION), { recursive: true })
      await con.run(emptyCopyStatement(table, query), { ...params, file: path.join(dir, EMPTY_PARTITION, 'data_0.parquet') } as never)
    }
  } catch (err) {
    throw new Error(`${displayPath(path.join(out, table))} (from ${displayPath(sql)}): ${(err as Error).message}`, { cause: err })
  }
  return { rows: Number(n), folders: fs.readdirSync(dir).length }
}

/** Every file under a folder, relative, with / between parts, sorted. */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort()
}

export async function main({ model, out }: PartitionedOptions): Promise<void> {
  const { instance, con } = await openModel(model)
  let tmp: string
  try {
    await assertTables(con, model)
    tmp = startAside(out)
    try {
      await con.run(ONE_THREAD)
      await runSqlFile(con, partitionSqlFile(FIRST_REPORTED), (q) => `CREATE TEMP VIEW ${ident(FIRST_REPORTED)} AS ${q}`)
      for (const t of PARTITIONED_TABLES) {
        const done = await writeTable(con, t, tmp, out)
        log('partitioned', `${t}: ${done.rows} rows in ${done.folders} ${PARTITION_COLUMN} folders`)
      }
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true })
      throw err
    }
  } finally {
    con.closeSync()
    instance.closeSync()
  }
  const files = filesUnder(tmp).map((f) => ({ path: f, sha256: sha256(fs.readFileSync(path.join(tmp, f))) }))
  const sums = checksums(files)
  fs.writeFileSync(path.join(tmp, CHECKSUMS), sums)
  swapIn(out, tmp, contentHash(sums))
  log('partitioned', `${files.length} Parquet files in ${displayPath(out)}/<table>/${PARTITION_COLUMN}=<year>/ (${CHECKSUMS} beside them)`)
}

if (isMain(import.meta.url)) {
  runStage('partitioned', () => main(parseOptions('pipeline/cli/partitioned.ts', { model: 'out/build/05-model/dataset.duckdb', out: 'out/partitioned' })))
}
