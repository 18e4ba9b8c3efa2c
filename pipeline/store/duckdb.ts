/** DuckDB through @duckdb/node-api: opening, SQL files, and checks that return offending rows. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import { ROOT } from './layout.ts'

export const SQL_DIR = path.join(ROOT, 'pipeline', 'sql')

export async function openDuckDB(file = ':memory:'): Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(file)
  const con = await instance.connect()
  await con.run("SET GLOBAL TimeZone = 'UTC'")
  await con.run('SET preserve_insertion_order = true')
  // bounded memory, spilling to the system temp folder rather than ./.tmp
  await con.run(`SET memory_limit = '${process.env.FENGKOU_DUCKDB_MEMORY ?? '512MB'}'`)
  await con.run(`SET temp_directory = ${literal(path.join(os.tmpdir(), 'fengkou-duckdb'))}`)
  return { instance, con }
}

/** Runs one .sql file (one statement), naming the file when DuckDB refuses it. */
export async function runSqlFile(con: DuckDBConnection, file: string): Promise<void> {
  const sql = fs.readFileSync(file, 'utf8')
  try {
    await con.run(sql)
  } catch (err) {
    throw new Error(`${path.relative(ROOT, file)}: ${(err as Error).message}`, { cause: err })
  }
}

export async function rows(con: DuckDBConnection, sql: string, params?: Record<string, string | number | boolean | null>): Promise<Record<string, unknown>[]> {
  const reader = await con.runAndReadAll(sql, params as never)
  return reader.getRowObjectsJson() as Record<string, unknown>[]
}

/** Quotes an identifier generated from a schema (column names, table names). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** A string literal for the few places DuckDB takes no parameter (COPY ... TO 'file'). */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}
