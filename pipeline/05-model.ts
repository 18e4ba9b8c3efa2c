/**
 * 05-model: validated records -> the nine tables in DuckDB, merged across sources, then data checks.
 * Each check in pipeline/sql/checks/ returns offending rows; primary and foreign keys are checked
 * from the schemas' x-primaryKey / x-foreignKeys. Any offending row stops the build.
 * in:  out/build/04-validate/records.jsonl (every validated record and each source's text)
 * out: out/build/05-model/dataset.duckdb
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { DuckDBConnection } from '@duckdb/node-api'
import { ident, openDuckDB, rows, runSqlFile, SQL_DIR } from './lib/duckdb.ts'
import { isMain, log, runStage } from './lib/io.ts'
import { columns, TABLES, type TableName, tableSchema } from './lib/table-schemas.ts'

/** Tables whose rows two sources can both report: merged by SQL files (values must agree) or made distinct. */
const MERGED: TableName[] = ['events', 'funding', 'metrics']
const SHARED: TableName[] = ['event_participants', 'funders']

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

/** One scan of the validated records into one staging table (types from the schemas, never inferred); staging stays out of the file. */
async function loadStaged(con: DuckDBConnection, input: string): Promise<void> {
  const struct = [...unionColumns()].map(([name, type]) => `${ident(name)}: '${type}'`).join(', ')
  await con.run(`CREATE TEMP TABLE staged_all AS SELECT * FROM read_json($file, format = 'newline_delimited', columns = {${struct}})`, {
    file: path.join(input, 'records.jsonl'),
  } as never)
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
  const tmp = `${out}.tmp-${process.pid}`
  fs.rmSync(tmp, { force: true })
  const { instance, con } = await openDuckDB(tmp)
  try {
    await loadStaged(con, input)
    for (const t of TABLES) {
      const cols = columns(t)
        .map((c) => ident(c.name))
        .join(', ')
      await con.run(`CREATE TEMP TABLE ${ident(`staged_${t}`)} AS SELECT ${cols}, _source_id FROM staged_all WHERE _table = $t`, { t } as never)
      if (MERGED.includes(t)) await runSqlFile(con, path.join(SQL_DIR, `${t}.sql`))
      else await con.run(`CREATE TABLE ${ident(t)} AS SELECT ${SHARED.includes(t) ? 'DISTINCT ' : ''}${cols} FROM ${ident(`staged_${t}`)}`)
    }
    await con.run("CREATE TEMP TABLE source_texts AS SELECT source_id, text FROM staged_all WHERE _table = '_source_text'")
    await con.run('DROP TABLE staged_all')
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
    if (failures.length) throw new Error(failures.join('\n'))
    log('05-model', `${checks.length} checks passed`)
  } finally {
    con.closeSync()
    instance.closeSync()
  }
  fs.renameSync(tmp, out)
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: 'out/build/04-validate' },
      out: { type: 'string', default: 'out/build/05-model/dataset.duckdb' },
    },
  })
  runStage('05-model', () => main(values as { input: string; out: string }))
}
