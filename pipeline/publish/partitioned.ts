/**
 * The partitioned output (`make partitioned`, pipeline/cli/partitioned.ts): every table of the model as
 * Hive-partitioned Parquet, `<table>/published_year=<YYYY>/data_0.parquet`, for Spark, Trino, DuckDB and
 * other readers of a corpus too large to read whole. This file says which tables, by which column and
 * with which COPY statement; the SQL that gives each row its year is pipeline/sql/partitioned/<table>.sql.
 *
 * The key is the year of publication of the sources a row comes from, because it is what a user of a
 * large news corpus filters on first ("2023's articles and what they report"), and every table can
 * carry it: a source its own, a mention or evidence span its source's, an event, funding or metric the
 * earliest of the sources that report it (its evidence), a participant or funder its event's or
 * funding's, an entity the earliest source that mentions it. A row without a dated source is in the
 * folder of the null year, `published_year=__HIVE_DEFAULT_PARTITION__`, as Hive, Spark and Trino write it.
 */
import path from 'node:path'
import { ident, SQL_DIR } from '../store/duckdb.ts'
import { sha256 } from '../store/files.ts'
import { columns, TABLES, type TableName, tableSchema } from '../store/table-schemas.ts'

export const PARTITION_COLUMN = 'published_year'
export const PARTITIONED_SQL_DIR = path.join(SQL_DIR, 'partitioned')
/** The view the records' partitions read (pipeline/sql/partitioned/first_reported.sql), made before the tables are written. */
export const FIRST_REPORTED = 'first_reported'
/** The dataset's name in the Parquet key-value metadata, as the export writes it (pipeline/06-export.ts). */
export const DATASET_NAME = 'fengkou-events-funding'
export const CHECKSUMS = 'SHA256SUMS'

/** Every table of the dataset, in the export's order. */
export const PARTITIONED_TABLES: readonly TableName[] = TABLES

export function partitionSqlFile(table: TableName | typeof FIRST_REPORTED): string {
  return path.join(PARTITIONED_SQL_DIR, `${table}.sql`)
}

/** The sha256 of the tables' schemas, the `schema_sha256` of the export's Parquet metadata. */
export function schemaSha256(): string {
  return sha256(TABLES.map((t) => JSON.stringify(tableSchema(t))).join('\n'))
}

/**
 * The rows of a table as the partitioned files hold them: the schema's columns in its order, then the
 * partition column, sorted by the primary key as the dataset is (each folder's file keeps that order).
 * `query` is the table's partition SQL (pipeline/sql/partitioned/<table>.sql), without its semicolon.
 */
export function partitionedSelect(table: TableName, query: string): string {
  const cols = columns(table).map((c) => ident(c.name))
  const order = tableSchema(table)['x-primaryKey'].map(ident).join(', ')
  return `SELECT ${[...cols, ident(PARTITION_COLUMN)].join(', ')} FROM (\n${query}\n) ORDER BY ${order}`
}

/**
 * Run before the COPY: PARTITION_BY on several threads appends their chunks to a folder's file in the
 * order they finish, so the rows leave primary-key order and the bytes change from run to run (seen
 * with DuckDB 1.5 on a table of 300,000 rows). One thread keeps both; the export's plain COPY needs no such thing.
 */
export const ONE_THREAD = 'SET threads = 1'

/** The export's Parquet settings and key-value metadata ($dataset, $schema), for every file written here. */
const PARQUET = 'FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 3, ROW_GROUP_SIZE 122880, KV_METADATA {dataset: $dataset, schema_sha256: $schema}'

/**
 * The COPY that writes one table's folder ($dir) with the export's Parquet settings (zstd level 3,
 * row groups of 122,880, its key-value metadata). The partition column is the folder's name, not a
 * column of the files (DuckDB's default, stated), so a file's columns are the dataset's. One file per
 * folder, named data_0.parquet whatever DuckDB's default pattern becomes; the caller runs it on one
 * thread, which keeps each file's rows in the sorted order and its bytes the same from run to run.
 */
export function copyStatement(table: TableName, query: string): string {
  return [
    `COPY (${partitionedSelect(table, query)}) TO $dir (${PARQUET},`,
    `PARTITION_BY (${ident(PARTITION_COLUMN)}), FILENAME_PATTERN 'data_{i}', PER_THREAD_OUTPUT false, WRITE_PARTITION_COLUMNS false)`,
  ].join(' ')
}

/** Where a table without rows keeps its one empty file, so that `<table>/**\/*.parquet` finds its columns in every reader. */
export const EMPTY_PARTITION = `${PARTITION_COLUMN}=__HIVE_DEFAULT_PARTITION__`

/** The COPY of a table without rows ($file): PARTITION_BY writes no file at all for it. */
export function emptyCopyStatement(table: TableName, query: string): string {
  const cols = columns(table).map((c) => ident(c.name))
  return `COPY (SELECT ${cols.join(', ')} FROM (\n${query}\n) LIMIT 0) TO $file (${PARQUET})`
}

/** SHA256SUMS of the files (paths relative to the output folder, with / between parts), sorted by path, as sha256sum writes it. */
export function checksums(files: { path: string; sha256: string }[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join('')
}

/** The versioned folder's name for a SHA256SUMS: 16 hex digits of its hash, so the same files give the same folder. */
export function contentHash(sums: string): string {
  return sha256(sums).slice(0, 16)
}
