/**
 * The rows of a dataset's tables as the workbook and the SQLite file write them: read from the
 * Parquet files by DuckDB (exact: decimals and dates as text, never through a float or a time zone),
 * in primary-key order, each value typed by the column's schema type.
 */
import path from 'node:path'
import { ident, literal, openDuckDB, rows } from '../store/duckdb.ts'
import { columns, DECIMAL_TYPE, TABLES, type TableName, tableSchema } from '../store/table-schemas.ts'

export type Kind = 'text' | 'integer' | 'decimal' | 'boolean' | 'date'
export type Value = string | boolean | null

export interface TableRows {
  table: TableName
  columns: { name: string; type: string; kind: Kind }[]
  /** one array per row, in column order: text, decimals (as written, e.g. "1000000000.0000"), integers and dates as strings; booleans */
  rows: Value[][]
}

export function kindOf(type: string): Kind {
  if (type === DECIMAL_TYPE) return 'decimal'
  return ({ BIGINT: 'integer', BOOLEAN: 'boolean', DATE: 'date' } as Record<string, Kind>)[type] ?? 'text'
}

/** The tables of the dataset in `dir` (their <table>.parquet files): all of them, or those given, in the order of TABLES. */
export async function readTables(dir: string, only: readonly TableName[] = TABLES): Promise<TableRows[]> {
  const { instance, con } = await openDuckDB()
  try {
    const out: TableRows[] = []
    for (const table of TABLES.filter((t) => only.includes(t))) {
      const cols = columns(table).map((c) => ({ ...c, kind: kindOf(c.type) }))
      const order = tableSchema(table)['x-primaryKey'].map(ident).join(', ')
      const select = cols.map((c) => (c.kind === 'boolean' ? ident(c.name) : `CAST(${ident(c.name)} AS VARCHAR) AS ${ident(c.name)}`)).join(', ')
      const found = await rows(con, `SELECT ${select} FROM read_parquet(${literal(path.join(dir, `${table}.parquet`))}) ORDER BY ${order}`)
      out.push({ table, columns: cols, rows: found.map((r) => cols.map((c) => (r[c.name] ?? null) as Value)) })
    }
    return out
  } finally {
    con.closeSync()
    instance.closeSync()
  }
}
