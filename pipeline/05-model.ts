/**
 * 05-model: validated records -> the nine tables in DuckDB, merged across sources, then data checks.
 * Each check in pipeline/sql/checks/ returns offending rows; primary and foreign keys are checked
 * from the schemas' x-primaryKey / x-foreignKeys. Any offending row stops the build.
 * in:  out/build/04-validate/<table>.jsonl, out/build/01-ingest/*.json (source texts)
 * out: out/build/05-model/dataset.duckdb
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { DuckDBConnection } from '@duckdb/node-api'
import type { Ingested } from './01-ingest.ts'
import { ident, openDuckDB, rows, runSqlFile, SQL_DIR } from './lib/duckdb.ts'
import { isMain, log, readJson, runStage } from './lib/io.ts'
import { columns, TABLES, type TableName, tableSchema } from './lib/table-schemas.ts'

const MERGED: TableName[] = ['events', 'funding', 'metrics']

async function load(con: DuckDBConnection, name: TableName, file: string, target: string): Promise<void> {
  const cols = columns(name)
  const struct = [...cols.map((c) => `${ident(c.name)}: '${c.type}'`), `"_source_id": 'VARCHAR'`].join(', ')
  await con.run(`CREATE TABLE ${ident(target)} AS SELECT * FROM read_json($file, format = 'newline_delimited', columns = {${struct}})`, { file } as never)
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

export async function main({ input, ingest, out }: { input: string; ingest: string; out: string }): Promise<void> {
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const tmp = `${out}.tmp-${process.pid}`
  fs.rmSync(tmp, { force: true })
  const { instance, con } = await openDuckDB(tmp)
  try {
    for (const t of TABLES) {
      const file = path.join(input, `${t}.jsonl`)
      if (MERGED.includes(t)) {
        await load(con, t, file, `staged_${t}`)
        await runSqlFile(con, path.join(SQL_DIR, `${t}.sql`))
      } else {
        await load(con, t, file, `staged_${t}`)
        const cols = columns(t)
          .map((c) => ident(c.name))
          .join(', ')
        await con.run(`CREATE TABLE ${ident(t)} AS SELECT DISTINCT ${cols} FROM ${ident(`staged_${t}`)}`)
      }
    }
    await con.run('CREATE TABLE source_texts (source_id VARCHAR PRIMARY KEY, text VARCHAR NOT NULL)')
    for (const f of fs
      .readdirSync(ingest)
      .filter((x) => x.endsWith('.json'))
      .sort()) {
      const d = readJson<Ingested>(path.join(ingest, f))
      await con.run('INSERT INTO source_texts VALUES ($id, $text)', { id: d.source.source_id, text: d.text } as never)
    }
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
      ingest: { type: 'string', default: 'out/build/01-ingest' },
      out: { type: 'string', default: 'out/build/05-model/dataset.duckdb' },
    },
  })
  runStage('05-model', () => main(values as { input: string; ingest: string; out: string }))
}
