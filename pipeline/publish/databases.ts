/**
 * The release's one-file databases: fengkou-<version>.duckdb (@duckdb/node-api) and
 * fengkou-<version>.sqlite (sql.js, SQLite compiled to WebAssembly: no native build). Both hold every
 * table with the schemas' column types, NOT NULL, primary and foreign keys, the views of
 * pipeline/publish/views/*.sql, and the data dictionary: COMMENT ON in DuckDB, a `data_dictionary`
 * table in both (SQLite has no comments; datasette shows the table). Rows go in in primary-key order.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import initSqlJs from 'sql.js'
import { ident, literal } from '../store/duckdb.ts'
import { columns, DECIMAL_NOTE, TABLES, type TableName, tableSchema } from '../store/table-schemas.ts'
import type { TableRows } from './table-rows.ts'

const VIEWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views')

/** The views both databases hold, by name: pipeline/publish/views/<name>.sql, those whose tables (after FROM and JOIN) are all present. */
export function views(present: readonly string[] = TABLES): { name: string; sql: string }[] {
  return fs
    .readdirSync(VIEWS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ name: f.slice(0, -4), sql: fs.readFileSync(path.join(VIEWS_DIR, f), 'utf8').trimEnd().replace(/;$/, '') }))
    .filter((v) => [...v.sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)/g)].every((m) => present.includes(m[1])))
}

/** Rows of the data dictionary: table, column (null for the table itself), type, description. */
export function dictionary(): { table: string; column: string | null; type: string | null; description: string }[] {
  return TABLES.flatMap((t) => {
    const s = tableSchema(t)
    return [
      { table: t, column: null, type: null, description: s.description },
      ...columns(t).map((c) => {
        const p = s.properties[c.name]
        const values = p.enum ? ` One of: ${p.enum.filter((v) => v !== null).join(', ')}.` : ''
        const decimal = c.type.startsWith('DECIMAL') ? ` ${DECIMAL_NOTE}` : ''
        return { table: t, column: c.name, type: c.type, description: `${p.description}${values}${decimal}` }
      }),
    ]
  })
}

/** CREATE TABLE for one table, in the SQL both DuckDB and SQLite read, with the column types given; foreign keys to the tables present. */
function createTable(t: TableName, typeOf: (duckdbType: string) => string, present: readonly TableName[]): string {
  const s = tableSchema(t)
  const cols = columns(t).map((c) => `  ${ident(c.name)} ${typeOf(c.type)}${c.nullable ? '' : ' NOT NULL'}`)
  const keys = [
    `  PRIMARY KEY (${s['x-primaryKey'].map(ident).join(', ')})`,
    ...s['x-foreignKeys']
      .filter((fk) => (present as readonly string[]).includes(fk.reference.resource))
      .map(
        (fk) => `  FOREIGN KEY (${fk.fields.map(ident).join(', ')}) REFERENCES ${ident(fk.reference.resource)} (${fk.reference.fields.map(ident).join(', ')})`,
      ),
  ]
  return `CREATE TABLE ${ident(t)} (\n${[...cols, ...keys].join(',\n')}\n)`
}

const DICTIONARY_TABLE = 'CREATE TABLE data_dictionary (table_name VARCHAR NOT NULL, column_name VARCHAR, column_type VARCHAR, description VARCHAR NOT NULL)'

/** Writes fengkou-<version>.duckdb from the dataset's Parquet files in `dir` (all tables, or those given). */
export async function writeDuckDB(dir: string, file: string, present: readonly TableName[] = TABLES): Promise<void> {
  fs.rmSync(file, { force: true })
  fs.rmSync(`${file}.wal`, { force: true })
  const instance = await DuckDBInstance.create(':memory:')
  const con = await instance.connect()
  try {
    await con.run("SET GLOBAL TimeZone = 'UTC'")
    // 16 KB blocks, not the default 256 KB: every column of every table takes at least a block (9 MB for a
    // dataset of 30 KB at the default). The file's bytes depend on its name (the catalog's name is stored in
    // it), which is why it is always written under its published name.
    await con.run(`ATTACH ${literal(file)} AS ${ident(path.basename(file, '.duckdb'))} (BLOCK_SIZE 16384)`)
    await con.run(`USE ${ident(path.basename(file, '.duckdb'))}`)
    for (const t of TABLES.filter((x) => present.includes(x))) {
      await con.run(createTable(t, (type) => type, present))
      const order = tableSchema(t)['x-primaryKey'].map(ident).join(', ')
      const cols = columns(t)
        .map((c) => ident(c.name))
        .join(', ')
      await con.run(`INSERT INTO ${ident(t)} SELECT ${cols} FROM read_parquet(${literal(path.join(dir, `${t}.parquet`))}) ORDER BY ${order}`)
    }
    await con.run(DICTIONARY_TABLE)
    for (const d of dictionary().filter((x) => (present as readonly string[]).includes(x.table))) {
      await con.run('INSERT INTO data_dictionary VALUES ($t, $c, $y, $d)', { t: d.table, c: d.column, y: d.type, d: d.description } as never)
      // COMMENT ON takes no parameters: the description is a quoted literal
      if (d.column === null) await con.run(`COMMENT ON TABLE ${ident(d.table)} IS ${literal(d.description)}`)
      else await con.run(`COMMENT ON COLUMN ${ident(d.table)}.${ident(d.column)} IS ${literal(d.description)}`)
    }
    for (const v of views(present)) await con.run(`CREATE VIEW ${ident(v.name)} AS\n${v.sql}`)
    await con.run('CHECKPOINT')
    await con.run('USE memory')
    await con.run(`DETACH ${ident(path.basename(file, '.duckdb'))}`)
  } finally {
    con.closeSync()
    instance.closeSync()
  }
}

const SQLITE_TYPES: Record<string, string> = { VARCHAR: 'TEXT', BIGINT: 'INTEGER', BOOLEAN: 'INTEGER', DATE: 'TEXT' }

/**
 * SQLite types: text, integers, booleans as 0/1 and ISO dates as text; decimals NUMERIC, so a whole
 * amount is stored as an exact INTEGER and only a fraction as REAL (SQLite has no decimal type).
 */
export function sqliteType(duckdbType: string): string {
  return SQLITE_TYPES[duckdbType] ?? (duckdbType.startsWith('DECIMAL') ? 'NUMERIC' : 'TEXT')
}

/** The bytes of fengkou-<version>.sqlite, from the tables' rows. */
export async function sqliteBytes(tables: TableRows[]): Promise<Buffer> {
  const require = createRequire(import.meta.url)
  const SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) })
  const db = new SQL.Database()
  try {
    db.run('PRAGMA foreign_keys = ON')
    db.run('BEGIN')
    for (const t of tables) {
      db.run(
        createTable(
          t.table,
          sqliteType,
          tables.map((x) => x.table),
        ),
      )
      const insert = db.prepare(`INSERT INTO ${ident(t.table)} VALUES (${t.columns.map(() => '?').join(', ')})`)
      for (const r of t.rows) insert.run(r.map((v, i) => (v === null ? null : t.columns[i].kind === 'boolean' ? (v ? 1 : 0) : String(v))))
      insert.free()
    }
    db.run(DICTIONARY_TABLE.replaceAll('VARCHAR', 'TEXT'))
    const insert = db.prepare('INSERT INTO data_dictionary VALUES (?, ?, ?, ?)')
    for (const d of dictionary().filter((x) => tables.some((t) => t.table === x.table)))
      insert.run([d.table, d.column, d.type === null ? null : sqliteType(d.type), d.description])
    insert.free()
    for (const v of views(tables.map((t) => t.table))) db.run(`CREATE VIEW ${ident(v.name)} AS\n${v.sql}`)
    db.run('COMMIT')
    const broken = db.exec('PRAGMA foreign_key_check')
    if (broken.length) throw new Error(`the SQLite file breaks a foreign key: ${JSON.stringify(broken[0].values.slice(0, 3))}`)
    return Buffer.from(db.export())
  } finally {
    db.close()
  }
}
