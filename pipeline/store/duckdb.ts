/** DuckDB through @duckdb/node-api: opening, SQL files, and checks that return offending rows. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type DuckDBConnection, DuckDBInstance, type DuckDBResultReader } from '@duckdb/node-api'
import { ROOT } from './layout.ts'
import { collect } from './memory.ts'

export const SQL_DIR = path.join(ROOT, 'pipeline', 'sql')

/** The memory DuckDB may use before spilling to disk: FENGKOU_DUCKDB_MEMORY, or 512MB. */
export function memoryLimit(value = process.env.FENGKOU_DUCKDB_MEMORY): string {
  if (value === undefined) return '512MB'
  if (!/^\d+(\.\d+)? ?(B|[KMGT]i?B)$/i.test(value))
    throw new Error(`FENGKOU_DUCKDB_MEMORY: found ${JSON.stringify(value)}, expected an amount of memory such as 512MB, 2GB or 1.5GiB`)
  return value
}

/**
 * This process's folder for what DuckDB spills to disk, made at its first use and removed when the
 * process exits. One per process: DuckDB names its spill files alike in every process
 * (duckdb_temp_storage_S64K-0.tmp), so two builds sharing one folder read each other's pages (seen:
 * "IO Error: Could not read enough bytes from file" in the model of a 100,000-article build while
 * the tests ran). A killed process leaves its folder in the system temp folder, which the OS clears.
 */
let spillFolder: string | undefined
function spillDirectory(): string {
  if (spillFolder === undefined) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-duckdb-'))
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
    spillFolder = dir
  }
  return spillFolder
}

/** `options` are DuckDB's configuration at opening, such as `{ access_mode: 'READ_ONLY' }` for a reader of the model. */
export async function openDuckDB(file = ':memory:', options?: Record<string, string>): Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> {
  const limit = memoryLimit()
  const instance = await DuckDBInstance.create(file, options)
  const con = await instance.connect()
  await con.run("SET GLOBAL TimeZone = 'UTC'")
  await con.run('SET preserve_insertion_order = true')
  // bounded memory, spilling to the system temp folder rather than ./.tmp
  await con.run('SET memory_limit = $limit', { limit } as never)
  await con.run('SET temp_directory = $dir', { dir: spillDirectory() } as never)
  return { instance, con }
}

/**
 * Runs the query of one .sql file (one statement), as it stands or inside the SQL that `around`
 * makes of it (the query without its trailing semicolon), naming the file when DuckDB refuses it.
 */
export async function runSqlFile(con: DuckDBConnection, file: string, around: (query: string) => string = (q) => q): Promise<void> {
  const query = fs.readFileSync(file, 'utf8').trimEnd().replace(/;$/, '')
  try {
    await con.run(around(query))
  } catch (err) {
    throw new Error(`${path.relative(ROOT, file)}: ${(err as Error).message}`, { cause: err })
  }
}

export async function rows(con: DuckDBConnection, sql: string, params?: Record<string, string | number | boolean | null>): Promise<Record<string, unknown>[]> {
  return readRows(con, sql, params)
}

/** Rows read since the last collection, and how many may be read before the next one. */
let unreleased = 0
const COLLECT_AFTER_ROWS = 100_000

/**
 * The rows of a query as JSON values, with typed parameters if given (`types`: DuckDB's types by
 * name). Collects (memory.ts) after every COLLECT_AFTER_ROWS rows read, in any stage: a query's
 * result lives in DuckDB's memory until the object that holds it is collected, which V8 does late
 * (the matcher of a dense 10 MB article held about 250 MB of results it no longer used: 1,065 MB at
 * its peak, 803 MB with a collection after every read).
 */
export async function readRows(con: DuckDBConnection, sql: string, values?: object, types?: object): Promise<Record<string, unknown>[]> {
  let reader: DuckDBResultReader | undefined = await con.runAndReadAll(sql, values as never, types as never)
  const out = reader.getRowObjectsJson() as Record<string, unknown>[]
  unreleased += reader.currentRowCount
  reader = undefined
  if (unreleased >= COLLECT_AFTER_ROWS) {
    unreleased = 0
    collect()
  }
  return out
}

/** Quotes an identifier generated from a schema (column names, table names). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** A string literal, where a parameter will not do (DuckDB takes `$name` parameters even in SET and COPY ... TO). */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/**
 * Creates (or replaces) a TEMP table of text columns from equal-length arrays; null stays null.
 * Rows go in through DuckDB's appender: binding the columns as list parameters and unnesting them
 * took 25 s and 400 MB for the 96,000 records of a dense 10 MB article; appending takes about a second.
 */
export async function tableOf(con: DuckDBConnection, name: string, cols: Record<string, (string | null)[]>): Promise<void> {
  const names = Object.keys(cols)
  const columns = names.map((n) => `${ident(n)} VARCHAR`).join(', ')
  await con.run(`CREATE OR REPLACE TEMP TABLE ${ident(name)} (${columns})`)
  const appender = await con.createAppender(name, 'main', 'temp')
  try {
    const lists = names.map((n) => cols[n])
    for (let i = 0; i < lists[0].length; i++) {
      for (const list of lists) {
        const v = list[i]
        if (v === null) appender.appendNull()
        else appender.appendVarchar(v)
      }
      appender.endRow()
    }
  } finally {
    appender.closeSync()
  }
}
