/**
 * 05-model: validated records -> the nine tables in DuckDB, merged across sources, then data checks.
 * Each check in pipeline/sql/checks/ returns offending rows; primary and foreign keys are checked
 * from the schemas' x-primaryKey / x-foreignKeys. Any offending row stops the build.
 * The model is kept between builds and updated in one transaction: when few sources changed, only
 * their rows are replaced (the per-source tables in place, the merged tables recomputed); a failed
 * check rolls everything back, so the previous model stays as it was.
 * in:  out/build/04-validate/sources/<source_id>.jsonl, entities.jsonl, manifest.json
 * out: out/build/05-model/dataset.duckdb
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type DuckDBConnection, LIST, listValue, VARCHAR } from '@duckdb/node-api'
import { ident, openDuckDB, rows, runSqlFile, SQL_DIR } from './store/duckdb.ts'
import { runStageCli } from './store/layout.ts'
import { codeVersion, type Manifest, readManifest } from './store/manifest.ts'
import { isMain, log, UserError } from './store/run.ts'
import { columns, TABLES, type TableName, tableSchema } from './store/table-schemas.ts'

/** Tables whose rows two sources can both report: merged by SQL files (values must agree) or made distinct. */
const MERGED: TableName[] = ['events', 'funding', 'metrics']
const SHARED: TableName[] = ['event_participants', 'funders']
/** Tables whose every row belongs to one source (by source_id): replaced in place for changed sources. */
const PER_SOURCE: TableName[] = ['sources', 'mentions', 'evidence']
/** Above this many changed sources, reloading everything in one scan is faster than replacing rows. */
const INCREMENTAL_LIMIT = 200

/** Every column of every table, with one DuckDB type each, plus the staging columns. */
export function unionColumns(): Map<string, string> {
  const cols = new Map<string, string>([
    ['_table', 'VARCHAR'],
    ['_source_id', 'VARCHAR'],
  ])
  for (const t of TABLES) {
    for (const c of columns(t)) {
      const seen = cols.get(c.name)
      if (seen && seen !== c.type) throw new Error(`column ${c.name} is ${seen} in one table and ${c.type} in ${t}: the staging table needs one type per name`)
      cols.set(c.name, c.type)
    }
  }
  return cols
}

/** Binds lists of text by name, typed, so an empty list binds too. */
function texts(lists: Record<string, string[]>): [never, never] {
  const values = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, listValue(v)]))
  const types = Object.fromEntries(Object.keys(lists).map((k) => [k, LIST(VARCHAR)]))
  return [values as never, types as never]
}

/** Reads JSON-lines record files (bound as $files) with the column types of the schemas, never inferred. */
const READ_RECORDS = () =>
  `SELECT * FROM read_json($files, format = 'newline_delimited', columns = {${[...unionColumns()].map(([name, type]) => `${ident(name)}: '${type}'`).join(', ')}})`

/** One file of every source's records, so a full load is one scan, not thousands of small reads. */
function concatenated(input: string, ids: string[]): string {
  const file = path.join(os.tmpdir(), `fengkou-records-${process.pid}.jsonl`)
  const fd = fs.openSync(file, 'w')
  try {
    fs.writeSync(fd, fs.readFileSync(path.join(input, 'entities.jsonl')))
    for (const id of ids) fs.writeSync(fd, fs.readFileSync(path.join(input, 'sources', `${id}.jsonl`)))
  } finally {
    fs.closeSync(fd)
  }
  return file
}

async function tableExists(con: DuckDBConnection, name: string): Promise<boolean> {
  return (await rows(con, 'SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = $name AND NOT temporary', { name }))[0].n === 1
}

/** Which sources to replace, or null when everything must be rebuilt (new model, new code, many changes). */
async function plan(con: DuckDBConnection, keys: Manifest, code: string): Promise<{ changed: string[]; removed: string[] } | null> {
  if (!(await tableExists(con, 'model_meta'))) return null
  const meta = await rows(con, "SELECT value FROM model_meta WHERE key = 'code'")
  if (meta[0]?.value !== code) return null
  const previous = new Map((await rows(con, 'SELECT source_id, key FROM staged_keys')).map((r) => [r.source_id as string, r.key as string]))
  const changed = Object.keys(keys).filter((id) => previous.get(id) !== keys[id])
  const removed = [...previous.keys()].filter((id) => !(id in keys))
  return changed.length + removed.length > INCREMENTAL_LIMIT ? null : { changed, removed }
}

async function rebuildAll(con: DuckDBConnection, input: string, keys: Manifest, code: string): Promise<void> {
  const file = concatenated(input, Object.keys(keys).sort())
  try {
    await con.run(`CREATE OR REPLACE TABLE staged_all AS ${READ_RECORDS()}`, ...texts({ files: [file] }))
  } finally {
    fs.rmSync(file, { force: true })
  }
  for (const t of PER_SOURCE) await con.run(`CREATE OR REPLACE TABLE ${ident(t)} AS ${selectStaged(t)}`)
  await con.run('CREATE OR REPLACE TABLE staged_keys (source_id VARCHAR PRIMARY KEY, key VARCHAR NOT NULL)')
  await con.run('CREATE OR REPLACE TABLE model_meta (key VARCHAR PRIMARY KEY, value VARCHAR)')
  await con.run("INSERT INTO model_meta VALUES ('code', $code)", { code } as never)
}

async function replaceSources(con: DuckDBConnection, input: string, changed: string[], removed: string[]): Promise<void> {
  const gone = texts({ ids: [...changed, ...removed] })
  await con.run('DELETE FROM staged_all WHERE _source_id IN (SELECT unnest($ids))', ...gone)
  for (const t of PER_SOURCE) await con.run(`DELETE FROM ${ident(t)} WHERE source_id IN (SELECT unnest($ids))`, ...gone)
  await con.run("DELETE FROM staged_all WHERE _table = 'entities'")
  const files = [path.join(input, 'entities.jsonl'), ...changed.map((id) => path.join(input, 'sources', `${id}.jsonl`))]
  await con.run(`INSERT INTO staged_all ${READ_RECORDS()}`, ...texts({ files }))
  for (const t of PER_SOURCE) await con.run(`INSERT INTO ${ident(t)} ${selectStaged(t)} AND _source_id IN (SELECT unnest($ids))`, ...texts({ ids: changed }))
}

function selectStaged(t: TableName): string {
  const cols = columns(t)
    .map((c) => ident(c.name))
    .join(', ')
  return `SELECT ${cols} FROM staged_all WHERE _table = '${t}'`
}

/** Primary key and foreign key checks generated from the schemas. */
function keyChecks(): { name: string; sql: string }[] {
  const out: { name: string; sql: string }[] = []
  for (const t of TABLES) {
    const s = tableSchema(t)
    const pk = s['x-primaryKey'].map(ident).join(', ')
    out.push({ name: `${t}_primary_key_unique`, sql: `SELECT ${pk}, count(*) AS copies FROM ${ident(t)} GROUP BY ${pk} HAVING count(*) > 1` })
    for (const fk of s['x-foreignKeys']) {
      const [col] = fk.fields
      const [ref] = fk.reference.fields
      out.push({
        name: `${t}_${col}_references_${fk.reference.resource}`,
        sql: `SELECT ${pk}, ${ident(col)} FROM ${ident(t)} WHERE ${ident(col)} IS NOT NULL AND ${ident(col)} NOT IN (SELECT ${ident(ref)} FROM ${ident(fk.reference.resource)})`,
      })
    }
  }
  return out
}

export async function main({ input, out }: { input: string; out: string }): Promise<void> {
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const keys = readManifest(input)
  const code = codeVersion(fileURLToPath(import.meta.url))
  const { instance, con } = await openDuckDB(out)
  try {
    await con.run('BEGIN TRANSACTION')
    const todo = await plan(con, keys, code)
    if (todo) await replaceSources(con, input, todo.changed, todo.removed)
    else await rebuildAll(con, input, keys, code)
    await buildMergedTables(con)
    const failures = await runChecks(con)
    if (failures.length) {
      await con.run('ROLLBACK')
      throw new UserError(failures.join('\n'))
    }
    // the keys of what the model now holds: only the replaced sources' keys change
    const ids = todo ? todo.changed : Object.keys(keys).sort()
    await con.run('DELETE FROM staged_keys WHERE source_id IN (SELECT unnest($ids))', ...texts({ ids: todo ? [...todo.changed, ...todo.removed] : [] }))
    await con.run('INSERT INTO staged_keys SELECT unnest($ids), unnest($keys)', ...texts({ ids, keys: ids.map((id) => keys[id]) }))
    await con.run('COMMIT')
    log(
      '05-model',
      `${todo ? `${todo.changed.length} source(s) replaced, ${todo.removed.length} removed` : `${Object.keys(keys).length} source(s) loaded`}; checks passed`,
    )
  } finally {
    con.closeSync()
    instance.closeSync()
  }
}

/**
 * The per-table staging views the merge SQL and the checks read (TEMP: never stored), and the
 * tables two sources can share, rebuilt from staging: merged by pipeline/sql/<table>.sql or made distinct.
 */
export async function buildMergedTables(con: DuckDBConnection): Promise<void> {
  for (const t of TABLES.filter((x) => !PER_SOURCE.includes(x))) {
    await con.run(`CREATE OR REPLACE TEMP TABLE ${ident(`staged_${t}`)} AS ${selectStaged(t).replace(' FROM staged_all', ', _source_id FROM staged_all')}`)
    if (MERGED.includes(t)) await runSqlFile(con, path.join(SQL_DIR, `${t}.sql`))
    else {
      const cols = columns(t)
        .map((c) => ident(c.name))
        .join(', ')
      await con.run(`CREATE OR REPLACE TABLE ${ident(t)} AS SELECT ${SHARED.includes(t) ? 'DISTINCT ' : ''}${cols} FROM ${ident(`staged_${t}`)}`)
    }
  }
  await con.run("CREATE OR REPLACE TEMP TABLE source_texts AS SELECT source_id, text FROM staged_all WHERE _table = '_source_text'")
}

/** Every check, by name: one message per check that returned rows. */
export async function runChecks(con: DuckDBConnection): Promise<string[]> {
  const failures: string[] = []
  const checks = [
    ...keyChecks(),
    ...fs
      .readdirSync(path.join(SQL_DIR, 'checks'))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => ({ name: f.slice(0, -4), sql: fs.readFileSync(path.join(SQL_DIR, 'checks', f), 'utf8') })),
  ]
  for (const check of checks) {
    const bad = await rows(con, check.sql)
    if (bad.length)
      failures.push(
        `check ${check.name} failed for ${bad.length} row(s):\n${bad
          .slice(0, 10)
          .map((r) => `  ${JSON.stringify(r)}`)
          .join('\n')}`,
      )
  }
  return failures
}

if (isMain(import.meta.url)) runStageCli('05-model', main)
