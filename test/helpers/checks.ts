/**
 * For the tests of the data checks in incremental builds: the lines of 04-validate's record files, and what a model
 * run over them fails with, as a report to compare with a build from nothing over the same records.
 */
import fs from 'node:fs'
import path from 'node:path'
import { main as runModel } from '../../pipeline/05-model.ts'
import { openDuckDB, rows } from '../../pipeline/store/duckdb.ts'
import { logged, tempDir } from './run.ts'

/** A line of a 04-validate record file, as an object. */
export type Line = Record<string, unknown>

/** A line with some fields set, _table and _source_id still last (where 04-validate writes them and the model looks). */
export const edited = (l: Line, fields: Line): Line => {
  const { _table, _source_id, ...rest } = { ...l, ...fields }
  return { ...rest, _table, _source_id }
}

/** The failed checks in a model's failure, each with the rows it lists (the log that follows them left out). */
export const checkReport = (failure: string) =>
  failure
    .split('\n')
    .filter((l) => /^check \S+ failed for \d+ row|^ {2}\{/.test(l))
    .join('\n')

/**
 * The model stage over a 04-validate folder into `out` (updated in place when it holds a model), with its log (stderr):
 * `failure` is '' when it passes, else its error's message (which ends with the log).
 */
export async function modelRun(input: string, out: string): Promise<{ failure: string; log: string }> {
  return logged(() => runModel({ input, out })).then(
    ({ log }) => ({ failure: '', log }),
    (err: Error) => ({ failure: err.message, log: err.message }),
  )
}

/** What a model built from nothing over these records fails with (checkReport), or '' when its checks pass. */
export async function fromNothing(input: string): Promise<string> {
  return checkReport((await modelRun(input, path.join(tempDir('checks-inc-full'), 'dataset.duckdb'))).failure)
}

/** Every table a model file stores (read from a copy, so the file itself is never opened here), each as its rows in order. */
export async function modelTables(file: string): Promise<Record<string, unknown[]>> {
  const copy = path.join(tempDir('checks-model'), 'dataset.duckdb')
  fs.copyFileSync(file, copy)
  const { instance, con } = await openDuckDB(copy)
  try {
    const tables: Record<string, unknown[]> = {}
    for (const { name } of await rows(con, 'SELECT table_name AS name FROM duckdb_tables() ORDER BY name'))
      tables[String(name)] = await rows(con, `SELECT * FROM "${name}" ORDER BY ALL`)
    return tables
  } finally {
    con.closeSync()
    instance.closeSync()
    fs.rmSync(path.dirname(copy), { recursive: true, force: true })
  }
}

/** The names of the checks a model's failure lists. */
export const failedChecks = (failure: string) => failure.split('\n').flatMap((l) => /^check (\S+) failed for \d+ row/.exec(l)?.[1] ?? [])
