/**
 * Checks that a dataset folder is what a build made: every file matches its datapackage.json
 * (bytes and sha256), nothing is there that the descriptor does not list, each table's CSV and
 * Parquet hold the same rows (read by DuckDB), and, for a release, the folder equals a fresh build.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import ExcelJS from 'exceljs'
import initSqlJs from 'sql.js'
import { readCsvRows } from '../store/csv.ts'
import { ident, literal, openDuckDB, rows } from '../store/duckdb.ts'
import { sha256 } from '../store/files.ts'
import { displayPath } from '../store/layout.ts'
import { UserError } from '../store/run.ts'
import type { Resource } from './data-package.ts'

/** A datapackage.json, or an error naming the file and what is wrong with it. */
export function readDescriptor(dir: string): { resources: Resource[] } & Record<string, unknown> {
  const file = path.join(dir, 'datapackage.json')
  let data: unknown
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new UserError(
      `${displayPath(file)}: ${code === 'ENOENT' ? 'file not found' : `not valid JSON: ${(err as Error).message}`} (expected a Frictionless data package)`,
    )
  }
  const resources = (data as { resources?: unknown })?.resources
  const wellFormed = (r: unknown): r is Resource => {
    const x = r as Resource
    return (
      typeof x === 'object' && x !== null && typeof x.path === 'string' && (x.bytes === undefined || typeof x.bytes === 'number') && typeof x.hash === 'string'
    )
  }
  if (!Array.isArray(resources) || !resources.every(wellFormed))
    throw new UserError(`${displayPath(file)} /resources: expected an array of resources, each with path and hash (and bytes for CSV)`)
  for (const r of resources)
    if (!/^(?:[a-z_]+\.(?:csv|parquet)|fengkou-\d+\.\d+\.\d+\.(?:xlsx|duckdb|sqlite))$/.test(r.path))
      throw new UserError(
        `${displayPath(file)} /resources: unexpected path "${r.path}" (expected <table>.csv, <table>.parquet or fengkou-<version>.xlsx, .duckdb or .sqlite)`,
      )
  return data as { resources: Resource[] } & Record<string, unknown>
}

/** Files of a built dataset whose bytes differ from its datapackage.json, are missing, or are not listed. */
export function descriptorProblems(dir: string, extra: string[] = ['README.md', 'build-report.csv']): string[] {
  const { resources } = readDescriptor(dir)
  const problems: string[] = []
  for (const r of resources) {
    const file = path.join(dir, r.path)
    if (!fs.existsSync(file)) {
      problems.push(`${r.path}: listed in datapackage.json but missing`)
      continue
    }
    const bytes = fs.readFileSync(file)
    if ((r.bytes !== undefined && bytes.length !== r.bytes) || `sha256:${sha256(bytes)}` !== r.hash)
      problems.push(`${r.path}: ${bytes.length} bytes, sha256:${sha256(bytes)}; datapackage.json says ${r.bytes ?? 'no'} bytes, ${r.hash}`)
  }
  const known = new Set([...resources.map((r) => r.path), 'datapackage.json', ...extra])
  for (const f of fs.readdirSync(dir)) if (!known.has(f)) problems.push(`${f}: not listed in datapackage.json`)
  return problems
}

/**
 * Tables whose CSV and Parquet do not hold the same rows: the CSV is read with the Parquet's
 * column types (an empty field is null) and each side's rows are subtracted from the other's.
 */
export async function csvParquetProblems(dir: string, resources: Resource[]): Promise<string[]> {
  const tables = resources.filter((r) => r.format === 'csv').map((r) => r.path.slice(0, -4))
  const problems: string[] = []
  const { instance, con } = await openDuckDB()
  try {
    for (const t of tables) {
      const csv = path.join(dir, `${t}.csv`)
      const parquet = path.join(dir, `${t}.parquet`)
      if (!fs.existsSync(csv) || !fs.existsSync(parquet)) {
        problems.push(`${t}.csv, ${t}.parquet: expected both files`)
        continue
      }
      try {
        const types = await rows(con, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${literal(parquet)}))`)
        const columns = `{${types.map((c) => `${literal(String(c.column_name))}: ${literal(String(c.column_type))}`).join(', ')}}`
        const fromCsv = `SELECT * FROM read_csv(${literal(csv)}, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, columns = ${columns}, auto_detect = false)`
        const fromParquet = `SELECT ${types.map((c) => ident(String(c.column_name))).join(', ')} FROM read_parquet(${literal(parquet)})`
        const [diff] = await rows(
          con,
          `SELECT (SELECT count(*) FROM (${fromCsv} EXCEPT ALL ${fromParquet}))::INTEGER AS only_csv, (SELECT count(*) FROM (${fromParquet} EXCEPT ALL ${fromCsv}))::INTEGER AS only_parquet`,
        )
        if (Number(diff.only_csv) || Number(diff.only_parquet))
          problems.push(`${t}.csv, ${t}.parquet: ${diff.only_csv} row(s) only in the CSV and ${diff.only_parquet} only in the Parquet (expected the same rows)`)
      } catch (err) {
        problems.push(`${t}.csv, ${t}.parquet: DuckDB could not compare them: ${(err as Error).message.split('\n')[0]}`)
      }
    }
  } finally {
    con.closeSync()
    instance.closeSync()
  }
  return problems
}

/** Files that differ between a dataset and a fresh build of the same inputs (missing, extra or other bytes). */
export function buildProblems(dataset: string, fresh: string): string[] {
  const names = (dir: string) => new Set(fs.readdirSync(dir))
  const [a, b] = [names(dataset), names(fresh)]
  const problems: string[] = []
  for (const f of [...new Set([...a, ...b])].sort()) {
    if (!a.has(f)) problems.push(`${f}: made by a fresh build but missing`)
    else if (!b.has(f)) problems.push(`${f}: not made by a fresh build`)
    else if (!fs.readFileSync(path.join(dataset, f)).equals(fs.readFileSync(path.join(fresh, f))))
      problems.push(`${f}: differs from a fresh build of the commit`)
  }
  return problems
}

/**
 * Tables of a release whose row count in the workbook, the DuckDB or the SQLite file differs from its
 * CSV, or a file that does not open; nothing for a release without them (those before 1.1).
 */
export async function downloadProblems(dir: string, resources: { path: string; format: string }[]): Promise<string[]> {
  const tables = resources.filter((r) => r.format === 'csv').map((r) => r.path.slice(0, -4))
  const expected = new Map(tables.map((t) => [t, readCsvRows(path.join(dir, `${t}.csv`)).length]))
  const problems: string[] = []
  const compare = (file: string, counts: Map<string, number>) => {
    for (const [t, n] of expected) if (counts.get(t) !== n) problems.push(`${file}: ${t} has ${counts.get(t) ?? 'no'} row(s), ${t}.csv has ${n}`)
  }
  const opened = async (file: string, read: (full: string) => Promise<Map<string, number>>) => {
    const full = path.join(dir, file)
    try {
      compare(file, await read(full))
    } catch (err) {
      problems.push(`${file}: could not be read: ${(err as Error).message.split('\n')[0]}`)
    }
  }
  for (const r of resources) {
    if (r.format === 'duckdb')
      await opened(r.path, async (full) => {
        const instance = await DuckDBInstance.create(full, { access_mode: 'READ_ONLY' })
        const con = await instance.connect()
        try {
          const counts = new Map<string, number>()
          for (const t of tables) counts.set(t, Number((await rows(con, `SELECT count(*)::INTEGER AS n FROM ${ident(t)}`))[0].n))
          return counts
        } finally {
          con.closeSync()
          instance.closeSync()
        }
      })
    if (r.format === 'sqlite')
      await opened(r.path, async (full) => {
        const require = createRequire(import.meta.url)
        const SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) })
        const db = new SQL.Database(fs.readFileSync(full))
        try {
          const ok = db.exec('PRAGMA integrity_check')[0]?.values[0]?.[0]
          if (ok !== 'ok') throw new Error(`integrity_check says ${String(ok)}`)
          return new Map(tables.map((t) => [t, Number(db.exec(`SELECT count(*) FROM ${ident(t)}`)[0].values[0][0])]))
        } finally {
          db.close()
        }
      })
    if (r.format === 'xlsx')
      await opened(r.path, async (full) => {
        const book = new ExcelJS.Workbook()
        await book.xlsx.readFile(full)
        // each sheet's rows but its header
        return new Map(tables.map((t) => [t, (book.getWorksheet(t)?.actualRowCount ?? 0) - 1]))
      })
  }
  return problems
}
