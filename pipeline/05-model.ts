/**
 * 05-model: validated records -> the nine tables in DuckDB, merged across sources, then data checks.
 * Every table is built by the query in pipeline/sql/<table>.sql (dbt-style: a SELECT whose rows are
 * the table's) from staged_<table>, that table's records with their _source_id; its columns must be
 * the schema's. Each check in pipeline/sql/checks/ returns offending rows and is named for what it
 * finds; primary and foreign keys are checked from the schemas' x-primaryKey / x-foreignKeys. Any
 * offending row stops the build.
 * The model is kept between builds and updated in one transaction: when few sources changed, only
 * their rows are replaced (the per-source tables in place; in the merged tables, the rows of the
 * merged ids the change touches, merge-sources.ts); a failed check rolls everything back, so the
 * previous model stays as it was.
 * in:  out/build/04-validate/sources/<source_id>.jsonl, entities.jsonl, _manifest.json, or the same in
 *      every shard's folder, out/build/shards/<k>-of-<n>/04-validate/ (make dataset SHARDS=n)
 * out: out/build/05-model/dataset.duckdb
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type DuckDBConnection, type DuckDBType, type DuckDBValue, LIST, listValue, STRUCT, structValue, VARCHAR } from '@duckdb/node-api'
import { type Changes, mergeAcrossSources, remapPerSource } from './curate/merge-sources.ts'
import { ident, literal, openDuckDB, rows, runSqlFile, SQL_DIR, tableOf } from './store/duckdb.ts'
import { fileLines } from './store/files.ts'
import { FX_DIR, FX_FILES, readFxRates } from './store/fx-rates.ts'
import { runStageCli } from './store/layout.ts'
import { codeVersion, keyOf, legacyManifestFile, type Manifest, manifestFile, readManifest } from './store/manifest.ts'
import { isMain, log, UserError } from './store/run.ts'
import { columns, stagingType, TABLES, type TableName, tableSchema } from './store/table-schemas.ts'

/** Tables whose every row belongs to one source (by source_id): replaced in place for changed sources. */
const PER_SOURCE: TableName[] = ['sources', 'mentions', 'evidence']
/**
 * The tables merged across sources whose rows an incremental build computes again only for the merged
 * ids in merge_scope (of `scope`): those whose records changed, were re-matched or name an event that
 * was (merge-sources.ts). Their other rows come from records the build did not touch, as before.
 */
const SCOPED: Partial<Record<TableName, { scope: 'funding' | 'events' | 'metrics'; key: string }>> = {
  funding: { scope: 'funding', key: 'funding_id' },
  funders: { scope: 'funding', key: 'funding_id' },
  events: { scope: 'events', key: 'event_id' },
  event_participants: { scope: 'events', key: 'event_id' },
  metrics: { scope: 'metrics', key: 'metric_id' },
}
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
      const type = stagingType(c.type)
      if (seen && seen !== type) throw new Error(`column ${c.name} is ${seen} in one table and ${type} in ${t}: the staging table needs one type per name`)
      cols.set(c.name, type)
    }
  }
  return cols
}

/** Parameters by name, typed (text, lists of text, structs of text), so an empty list binds too. */
function bind(params: Record<string, string | string[] | Record<string, string>>): [never, never] {
  const values: Record<string, DuckDBValue> = {}
  const types: Record<string, DuckDBType> = {}
  for (const [name, v] of Object.entries(params)) {
    values[name] = typeof v === 'string' ? v : Array.isArray(v) ? listValue(v) : structValue(v)
    types[name] = typeof v === 'string' ? VARCHAR : Array.isArray(v) ? LIST(VARCHAR) : STRUCT(Object.fromEntries(Object.keys(v).map((k) => [k, VARCHAR])))
  }
  return [values as never, types as never]
}

/** Reads JSON-lines record files ($files) with the column types of the schemas ($columns), never inferred. */
const READ_RECORDS = "SELECT * FROM read_json($files, format = 'newline_delimited', columns = $columns)"
const recordColumns = () => Object.fromEntries(unionColumns())

/** The validated records the model reads: every source's key and file, and the curated entities' file. */
export interface Inputs {
  keys: Manifest
  sourceFile: (id: string) => string
  entitiesFile: string
}

/**
 * The records of one 04-validate folder, or of several (one per shard: `make dataset SHARDS=n`), read
 * as one: each source in exactly one folder, and every folder staged from the same entity list. The
 * model then sees the same records, in the same order, however many shards made them.
 */
export function readInputs(folders: string[]): Inputs {
  const keys: Manifest = {}
  const home = new Map<string, string>()
  for (const dir of folders) {
    if (folders.length > 1 && !fs.existsSync(manifestFile(dir)))
      throw new UserError(
        fs.existsSync(legacyManifestFile(dir))
          ? `${dir}: found manifest.json and no _manifest.json, the output of a build from before 3 December 2026 (expected this version's: run this shard's \`make dataset SHARD=k/n\` again)`
          : `${dir}: no _manifest.json (expected the output of this shard's \`make dataset SHARD=k/n\`; run it first)`,
      )
    for (const [id, key] of Object.entries(readManifest(dir))) {
      const other = home.get(id)
      if (other !== undefined)
        throw new UserError(`source ${id} is in two shards, ${other} and ${dir} (expected each source in one: rebuild them with the same n)`)
      home.set(id, dir)
      keys[id] = key
    }
  }
  const entitiesFile = path.join(folders[0], 'entities.jsonl')
  const entities = fs.existsSync(entitiesFile) ? fs.readFileSync(entitiesFile) : undefined
  for (const dir of folders.slice(1)) {
    const file = path.join(dir, 'entities.jsonl')
    if (!fs.existsSync(file) || !entities?.equals(fs.readFileSync(file)))
      throw new UserError(`${file}: differs from ${entitiesFile} (expected every shard built from the same raw/entities.json: rebuild the shards)`)
  }
  return { keys, entitiesFile, sourceFile: (id) => path.join(home.get(id) ?? folders[0], 'sources', `${id}.jsonl`) }
}

/**
 * A validated record's table, from its line's first or last bytes: 04-validate writes _table and
 * _source_id last in a record, first in a piece of the source's text (whose text is long).
 */
const TABLE_HEAD = /^\{"_table":"([A-Za-z_]+)"/
const TABLE_TAIL = /,"_table":"([A-Za-z_]+)","_source_id":"[^"]*"\}$/
const ENDS_BYTES = 160
const tableOfLine = (bytes: Buffer) =>
  TABLE_HEAD.exec(bytes.toString('latin1', 0, Math.min(bytes.length, ENDS_BYTES)))?.[1] ??
  TABLE_TAIL.exec(bytes.toString('latin1', Math.max(0, bytes.length - ENDS_BYTES)))?.[1]

/**
 * Every source's records in one file per table (entities first, then the sources in `ids` order, as
 * each table's rows were staged), so that DuckDB stages them table after table straight from the
 * files, one scan each, with no copy of every record to sort them by table. Copied line by line,
 * never a file whole (a dense article's records are hundreds of MB). The files, by table, are in
 * `dir`, which the caller removes; `entities` and `_source_text` are always there.
 */
function byTable(input: Inputs, ids: string[], dir: string): Map<string, string> {
  // each table's lines wait in a buffer of their own, written a megabyte at a time
  const files = new Map<string, { file: string; fd: number; buffer: Buffer; used: number }>()
  const open = (table: string) => {
    const file = path.join(dir, `${table}.jsonl`)
    const out = { file, fd: fs.openSync(file, 'w'), buffer: Buffer.alloc(1 << 20), used: 0 }
    files.set(table, out)
    return out
  }
  const flush = (out: { fd: number; buffer: Buffer; used: number }) => {
    fs.writeSync(out.fd, out.buffer, 0, out.used)
    out.used = 0
  }
  const append = (from: string) => {
    let line = 0
    for (const { bytes } of fileLines(from)) {
      line++
      const table = tableOfLine(bytes)
      if (table === undefined) throw new Error(`${from}:${line}: found a line that neither starts nor ends with its "_table", expected 04-validate's output`)
      const out = files.get(table) ?? open(table)
      if (out.used + bytes.length + 1 > out.buffer.length) flush(out)
      if (bytes.length + 1 > out.buffer.length) {
        fs.writeSync(out.fd, bytes)
        fs.writeSync(out.fd, '\n')
        continue
      }
      out.used += bytes.copy(out.buffer, out.used)
      out.buffer[out.used++] = 0x0a
    }
  }
  try {
    open('entities')
    open('_source_text')
    append(input.entitiesFile)
    for (const id of ids) append(input.sourceFile(id))
    for (const out of files.values()) flush(out)
  } finally {
    for (const { fd } of files.values()) fs.closeSync(fd)
  }
  return new Map([...files].map(([t, { file }]) => [t, file]))
}

async function tableExists(con: DuckDBConnection, name: string): Promise<boolean> {
  return (await rows(con, 'SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = $name AND NOT temporary', { name }))[0].n === 1
}

/** This stage's code, every file of pipeline/sql/ and the exchange rates: a model, check or rate that changed rebuilds everything. */
function modelVersion(): string {
  const files = (fs.readdirSync(SQL_DIR, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.sql')).sort()
  const rates = Object.values(FX_FILES).flatMap((f) => [f, fs.readFileSync(path.join(FX_DIR, f))])
  return keyOf(codeVersion(fileURLToPath(import.meta.url)), ...files.flatMap((f) => [f, fs.readFileSync(path.join(SQL_DIR, f))]), ...rates)
}

/** fx_rates (TEMP): data/fx/, validated, with each rate as an exact decimal and as millionths (micro) for integer arithmetic; and the usd() macro. */
async function loadFxRates(con: DuckDBConnection): Promise<void> {
  const rates = readFxRates()
  // appended (tableOf), not bound as lists to unnest: those took a third of a second on a loaded machine
  await tableOf(con, 'fx_rates_read', { currency: rates.map((r) => r.currency), period: rates.map((r) => r.period), rate: rates.map((r) => r.units_per_usd) })
  await con.run(
    `CREATE OR REPLACE TEMP TABLE fx_rates AS
     SELECT currency, period, rate::DECIMAL(18, 6) AS units_per_usd, (rate::DECIMAL(18, 6) * 1000000)::HUGEINT AS micro FROM fx_rates_read`,
  )
  await runSqlFile(con, path.join(SQL_DIR, 'macros', 'usd.sql'))
}

/** Which sources to replace, or null when everything must be rebuilt (new model, new code, many changes). */
async function plan(con: DuckDBConnection, keys: Manifest, code: string): Promise<Changes | null> {
  if (!(await tableExists(con, 'model_meta'))) return null
  const meta = await rows(con, "SELECT value FROM model_meta WHERE key = 'code'")
  if (meta[0]?.value !== code) return null
  const previous = new Map((await rows(con, 'SELECT source_id, key FROM staged_keys')).map((r) => [r.source_id as string, r.key as string]))
  // in id order (a manifest read with its log is not: store/manifest.ts), as a full load stages them
  const changed = Object.keys(keys)
    .filter((id) => previous.get(id) !== keys[id])
    .sort()
  const removed = [...previous.keys()].filter((id) => !(id in keys)).sort()
  return changed.length + removed.length > INCREMENTAL_LIMIT ? null : { changed, removed }
}

async function loadAll(con: DuckDBConnection, input: Inputs, keys: Manifest, code: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-records-'))
  try {
    const files = byTable(input, Object.keys(keys).sort(), dir)
    // one table's records after another (each in file order): staging one table then reads only its
    // row groups (their min and max _table tell the others apart), not every record's
    const staged = [...files.keys()].filter((t) => t !== '_source_text').sort()
    const read = (tables: string[]) => bind({ files: tables.map((t) => files.get(t) as string), columns: recordColumns() })
    await con.run(`CREATE OR REPLACE TABLE staged_all AS ${READ_RECORDS}`, ...read(staged))
    await con.run(`CREATE OR REPLACE TABLE source_texts AS ${SOURCE_TEXTS} (${READ_RECORDS})`, ...read(['_source_text']))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  await con.run('CREATE OR REPLACE TABLE staged_keys (source_id VARCHAR PRIMARY KEY, key VARCHAR NOT NULL)')
  await con.run('CREATE OR REPLACE TABLE model_meta (key VARCHAR PRIMARY KEY, value VARCHAR)')
  await con.run("INSERT INTO model_meta VALUES ('code', $code)", ...bind({ code }))
}

/**
 * Replaces the staged records of the changed and removed sources, and drops their rows from the per-source tables.
 * merge_scope (TEMP) starts with the metric ids those sources had and have: the metrics rows to compute again
 * (the matcher adds the funding and event ids it re-matches).
 */
async function replaceSources(con: DuckDBConnection, input: Inputs, changed: string[], removed: string[]): Promise<void> {
  const gone = bind({ ids: [...changed, ...removed] })
  await con.run('CREATE OR REPLACE TEMP TABLE merge_scope (record_table VARCHAR NOT NULL, id VARCHAR NOT NULL)')
  const metricsOf =
    "INSERT INTO merge_scope SELECT DISTINCT 'metrics', metric_id FROM staged_all WHERE _table = 'metrics' AND _source_id IN (SELECT unnest($ids))"
  await con.run(metricsOf, ...gone)
  await con.run('DELETE FROM staged_all WHERE _source_id IN (SELECT unnest($ids))', ...gone)
  for (const t of PER_SOURCE) await con.run(`DELETE FROM ${ident(t)} WHERE source_id IN (SELECT unnest($ids))`, ...gone)
  // the curated list is read again in full; the entities discovery made in unchanged sources stay
  await con.run("DELETE FROM staged_all WHERE _table = 'entities' AND _source_id = ''")
  const files = [input.entitiesFile, ...changed.map(input.sourceFile)]
  await con.run(`INSERT INTO staged_all ${READ_RECORDS}`, ...bind({ files, columns: recordColumns() }))
  await con.run(metricsOf, ...bind({ ids: changed }))
  await replaceSourceTexts(con, [...changed, ...removed])
}

/** The pieces of the sources' texts (_table = _source_text) as source_texts holds them, from the table named after it. */
const SOURCE_TEXTS = 'SELECT source_id, char_start AS chunk_start, char_count AS chunk_size, text FROM'

/**
 * source_texts: each source's text in pieces of chunk_size code points from chunk_start, for the quote
 * check, kept between builds (loadAll makes it): the pieces of the sources in `replaced` are replaced
 * by those just staged, which leave staged_all.
 */
async function replaceSourceTexts(con: DuckDBConnection, replaced: string[]): Promise<void> {
  await con.run('DELETE FROM source_texts WHERE source_id IN (SELECT unnest($ids))', ...bind({ ids: replaced }))
  await con.run(`INSERT INTO source_texts ${SOURCE_TEXTS} staged_all WHERE _table = '_source_text'`)
  await con.run("DELETE FROM staged_all WHERE _table = '_source_text'")
}

/** Columns that hold an entity id, per table, from the schemas' foreign keys. */
function entityColumns(t: TableName): Set<string> {
  return new Set(
    tableSchema(t)
      ['x-foreignKeys'].filter((fk) => fk.reference.resource === 'entities')
      .map((fk) => fk.fields[0]),
  )
}

/**
 * A table's staged records (never stored), with the schema's columns in its order and then _source_id:
 *   - a per-source table: staged_<table>, only the records of the sources in `only` if given. Its records
 *     are read once, by its model, and never rewritten (its ids are remapped in the table: remapPerSource),
 *     so in a full build they are a view of staged_all, not a copy (the mentions are most of the records:
 *     442,000 in a dense 10 MB article);
 *   - entities: staged_entities, a TEMP table, whose ids the entity matcher rewrites;
 *   - the others: records_<table>, a view of staged_all with the merged entity ids (entity_map, which
 *     the entity matcher fills), read by the matcher; staged_<table> is made from it once matched
 *     (merge-sources.ts rankAndRemap).
 */
async function stage(con: DuckDBConnection, t: TableName, only: string[] | null): Promise<void> {
  // decimals are staged as DOUBLE and cast here (a value the cast would round is refused by a check on staged_all)
  const cast = (c: { name: string; type: string }) =>
    stagingType(c.type) === c.type ? ident(c.name) : `CAST(${ident(c.name)} AS ${c.type}) AS ${ident(c.name)}`
  const cols = [...columns(t).map(cast), ident('_source_id')].join(', ')
  if (PER_SOURCE.includes(t) && !only) {
    await con.run(`CREATE OR REPLACE TEMP VIEW ${ident(`staged_${t}`)} AS SELECT ${cols} FROM staged_all WHERE _table = ${literal(t)}`)
    return
  }
  if (PER_SOURCE.includes(t) || t === 'entities') {
    const which = only ? ' AND _source_id IN (SELECT unnest($only))' : ''
    await con.run(
      `CREATE OR REPLACE TEMP TABLE ${ident(`staged_${t}`)} AS SELECT ${cols} FROM staged_all WHERE _table = $table${which}`,
      ...bind(only ? { table: t, only } : { table: t }),
    )
    return
  }
  const merged = [...entityColumns(t)]
  const column = (c: { name: string; type: string }) => {
    const at = merged.indexOf(c.name)
    if (at >= 0) return `coalesce(e${at}.to_id, s.${ident(c.name)}) AS ${ident(c.name)}`
    return stagingType(c.type) === c.type ? `s.${ident(c.name)}` : `CAST(s.${ident(c.name)} AS ${c.type}) AS ${ident(c.name)}`
  }
  const joins = merged.map((c, i) => `LEFT JOIN entity_map e${i} ON e${i}.from_id = s.${ident(c)}`).join(' ')
  await con.run(
    `CREATE OR REPLACE TEMP VIEW ${ident(`records_${t}`)} AS SELECT ${[...columns(t).map(column), 's._source_id'].join(', ')}
     FROM staged_all s ${joins} WHERE s._table = ${literal(t)}`,
  )
}

/** Refuses a table whose columns (names, order, DuckDB types) are not those of its schema, naming its model. */
export async function checkColumns(con: DuckDBConnection): Promise<void> {
  for (const t of TABLES) {
    // the columns of an empty result: the catalog functions (duckdb_columns) are ten times slower
    const result = await con.runAndReadAll(`SELECT * FROM ${ident(t)} LIMIT 0`)
    const types = result.columnTypes()
    const got = result
      .columnNames()
      .map((name, i) => `${name} ${types[i]}`)
      .join(', ')
    const want = columns(t)
      .map((c) => `${c.name} ${c.type}`)
      .join(', ')
    if (got !== want) throw new Error(`pipeline/sql/${t}.sql: builds the columns (${got}), but schemas/tables/${t}.schema.json has (${want})`)
  }
}

/**
 * Builds every table from its model, pipeline/sql/<table>.sql. `todo` null: every table anew from
 * all staged records. Otherwise the per-source tables keep their rows and gain those of the changed
 * sources (replaceSources dropped their old rows); the matcher re-matches only what the changed and
 * removed sources touch (merge-sources.ts), and the merged tables (SCOPED) get the rows of the merged
 * ids in its scope anew, from their records alone; entities is small and built anew. When the entity
 * match changed, everything is matched again and the merged tables are built anew.
 * Then the views the per-row checks read (scopeChecks).
 */
export async function buildTables(con: DuckDBConnection, todo: Changes | null): Promise<void> {
  const changed = todo?.changed ?? null
  const only = (t: TableName) => (changed && PER_SOURCE.includes(t) ? changed : null)
  // the records_<table> views read it; the entity matcher fills it
  await con.run('CREATE OR REPLACE TEMP TABLE entity_map (from_id VARCHAR NOT NULL, to_id VARCHAR NOT NULL)')
  for (const t of TABLES) await stage(con, t, only(t))
  await loadFxRates(con)
  // one id per real entity, flow and event across sources (pipeline/curate/match-records.ts), before the models group by id
  const merged = await mergeAcrossSources(con, todo)
  for (const t of TABLES) {
    // a re-match of only what changed: the merged tables' rows of the ids in its scope are computed again
    const scoped = merged.rematched ? SCOPED[t] : undefined
    const model = path.join(SQL_DIR, `${t}.sql`)
    if (scoped) {
      await con.run(`DELETE FROM ${ident(t)} WHERE ${ident(scoped.key)} IN (SELECT id FROM merge_scope WHERE record_table = ${literal(scoped.scope)})`)
      // the rows computed again, kept apart (TEMP) for the checks of this build's rows (scopeChecks)
      await runSqlFile(con, model, (query) => `CREATE OR REPLACE TEMP TABLE ${ident(`computed_${t}`)} AS\n${query}`)
      await con.run(`INSERT INTO ${ident(t)} SELECT * FROM ${ident(`computed_${t}`)}`)
      continue
    }
    await runSqlFile(con, model, (query) => (only(t) ? `INSERT INTO ${ident(t)}\n${query}` : `CREATE OR REPLACE TABLE ${ident(t)} AS\n${query}`))
  }
  await remapPerSource(con, changed, merged.rematched !== null)
  if (todo)
    log(
      '05-model',
      merged.rematched
        ? `re-matched ${merged.rematched.funding} funding and ${merged.rematched.events} event id(s) across sources, the rest as matched before`
        : 'matched every record across sources again (the entity match changed)',
    )
  if (merged.batches > 2) log('05-model', `matched across sources in ${merged.batches} batches of whole blocks (funding, then events)`)
  if (merged.entities + merged.funding + merged.events)
    log(
      '05-model',
      `matched across sources: ${merged.entities} entity id(s) merged, ${merged.funding} flow(s) and ${merged.events} event(s) from several reports, ${merged.conflicts} conflict(s) (see the build report)`,
    )
  await checkColumns(con)
  await scopeChecks(con, changed, merged.rematched !== null)
}

/**
 * The rows the checks read where reading fewer is sound (TEMP views), each the whole table in a full build:
 *   - new_staged, the staged records, and new_<table> for each per-source table, its rows, of the sources this build
 *     loaded (`changed`; null: every source). A row of an unchanged source is the one the previous build checked,
 *     with the same text: what a check on it alone finds cannot have changed, and two of its rows cannot share a key.
 *     (Its ids can change: the checks of those read the tables whole.)
 *   - new_<table> for each merged table (SCOPED), when the matcher re-matched only what changed (`rematched`): the rows
 *     this build computed (computed_<table>, TEMP, which buildTables made). Every other row is the previous build's, and so are all the
 *     rows of its id (the rows of an id in merge_scope were all deleted), so a check of one row alone, or of a kept row
 *     against the rows of its own id in another table (the funding of its funders, the event of its participants),
 *     finds what it found before, when the checks passed.
 *   - scoped_evidence: the evidence rows loaded in this build (by the source whose file held them) and those whose
 *     record's merged id is in scope (`rematched`). Another evidence row is the previous build's: the remap gives a row a
 *     new id only when its record was re-matched, and that id (its new cluster) is then in scope; so the row still names
 *     the record it named, whose id is out of scope, and whose rows were kept.
 * The checks that read them say so ("scope:" in each file, keyChecks); the others read whole tables.
 */
async function scopeChecks(con: DuckDBConnection, changed: string[] | null, rematched: boolean): Promise<void> {
  await con.run('CREATE OR REPLACE TEMP TABLE loaded_source_ids AS SELECT unnest($ids) AS source_id', ...bind({ ids: changed ?? [] }))
  const loaded = (key: string) => `${ident(key)} IN (SELECT source_id FROM loaded_source_ids)`
  const views: [string, string, string][] = [
    ['new_staged', 'staged_all', changed ? ` WHERE ${loaded('_source_id')}` : ''],
    ...PER_SOURCE.map((t): [string, string, string] => [`new_${t}`, t, changed ? ` WHERE ${loaded('source_id')}` : '']),
  ]
  const scoped = changed !== null && rematched
  for (const t of Object.keys(SCOPED)) views.push([`new_${t}`, scoped ? `computed_${t}` : t, ''])
  const inScope = 'EXISTS (SELECT 1 FROM merge_scope s WHERE s.record_table = evidence.record_table AND s.id = evidence.record_id)'
  const loadedEvidence = "evidence_id IN (SELECT evidence_id FROM new_staged WHERE _table = 'evidence')"
  for (const [view, table, which] of views) await con.run(`CREATE OR REPLACE TEMP VIEW ${ident(view)} AS SELECT * FROM ${ident(table)}${which}`)
  // scoped, the few rows are copied once (a view of the filter was read again in each branch of the check's OR: 225 ms
  // at 100,000 sources, against 120); else the whole table, not copied
  if (scoped) await con.run(`CREATE OR REPLACE TEMP TABLE scoped_evidence_rows AS SELECT * FROM evidence WHERE ${loadedEvidence} OR ${inScope}`)
  await con.run(`CREATE OR REPLACE TEMP VIEW scoped_evidence AS SELECT * FROM ${scoped ? 'scoped_evidence_rows' : 'evidence'}`)
}

/** Duplicate primary keys and dangling foreign keys, generated from the schemas. */
function keyChecks(): { name: string; sql: string }[] {
  const out: { name: string; sql: string }[] = []
  for (const t of TABLES) {
    const s = tableSchema(t)
    const pk = s['x-primaryKey'].map(ident).join(', ')
    // scopeChecks: a per-source or merged table, only the keys of this build's rows (a duplicate has one of them)
    const scoped = SCOPED[t]
    const from = PER_SOURCE.includes(t) || scoped ? `${ident(t)} SEMI JOIN (SELECT DISTINCT ${pk} FROM ${ident(`new_${t}`)}) USING (${pk})` : ident(t)
    out.push({ name: `${t}_duplicate_primary_keys`, sql: `SELECT ${pk}, count(*) AS copies FROM ${from} GROUP BY ${pk} HAVING count(*) > 1` })
    for (const fk of s['x-foreignKeys']) {
      const [col] = fk.fields
      const [ref] = fk.reference.fields
      // scopeChecks: a merged row kept names the flow or event of its own id, whose rows were kept too; every other
      // reference is checked in full
      const rows = scoped?.key === col ? ident(`new_${t}`) : ident(t)
      out.push({
        name: `${t}_${col}_not_in_${fk.reference.resource}`,
        sql: `SELECT ${pk}, ${ident(col)} FROM ${rows} WHERE ${ident(col)} IS NOT NULL AND ${ident(col)} NOT IN (SELECT ${ident(ref)} FROM ${ident(fk.reference.resource)})`,
      })
    }
  }
  return out
}

/** Every check, by name: the generated key checks, then pipeline/sql/checks/<name>.sql in name order. */
export function checks(): { name: string; sql: string }[] {
  const files = fs
    .readdirSync(path.join(SQL_DIR, 'checks'))
    .filter((f) => f.endsWith('.sql'))
    .sort()
  return [...keyChecks(), ...files.map((f) => ({ name: f.slice(0, -4), sql: fs.readFileSync(path.join(SQL_DIR, 'checks', f), 'utf8') }))]
}

/** Runs every check: one message per check that returned rows, with the first ten of them. */
export async function runChecks(con: DuckDBConnection): Promise<string[]> {
  const failures: string[] = []
  for (const check of checks()) {
    let bad: Record<string, unknown>[]
    try {
      bad = await rows(con, check.sql)
    } catch (err) {
      throw new Error(`check ${check.name}: ${(err as Error).message}`, { cause: err })
    }
    // the first ten rows in the order of their text, so that the same rows give the same message whatever order the
    // query met them in (an incremental build stores rows in another order than a build from nothing)
    if (bad.length)
      failures.push(
        `check ${check.name} failed for ${bad.length} row(s):\n${bad
          .map((r) => `  ${JSON.stringify(r)}`)
          .sort()
          .slice(0, 10)
          .join('\n')}`,
      )
  }
  return failures
}

/**
 * Drops this connection's TEMP tables and views (the staged records, the matcher's tables) once the
 * checks passed: they would go at closing anyway, and dropped before COMMIT their memory is free for
 * writing the model (a dense 10 MB article: about 350 MB of DuckDB's 512).
 */
async function dropTemporary(con: DuckDBConnection): Promise<void> {
  for (const { name } of await rows(con, 'SELECT view_name AS name FROM duckdb_views() WHERE temporary AND NOT internal ORDER BY 1'))
    await con.run(`DROP VIEW ${ident(String(name))}`)
  for (const { name } of await rows(con, 'SELECT table_name AS name FROM duckdb_tables() WHERE temporary ORDER BY 1'))
    await con.run(`DROP TABLE ${ident(String(name))}`)
}

/** `input`: the 04-validate folder, or every shard's (pipeline/build.ts with SHARDS=n). */
export async function main({ input, out }: { input: string | string[]; out: string }): Promise<void> {
  const inputs = readInputs(typeof input === 'string' ? [input] : input)
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const keys = inputs.keys
  const code = modelVersion()
  const { instance, con } = await openDuckDB(out)
  try {
    await con.run('BEGIN TRANSACTION')
    const todo = await plan(con, keys, code)
    if (todo) await replaceSources(con, inputs, todo.changed, todo.removed)
    else await loadAll(con, inputs, keys, code)
    await buildTables(con, todo)
    const failures = await runChecks(con)
    if (failures.length) {
      await con.run('ROLLBACK')
      throw new UserError(failures.join('\n'))
    }
    await dropTemporary(con)
    // the keys of what the model now holds: only the replaced sources' keys change
    const ids = todo ? todo.changed : Object.keys(keys).sort()
    await con.run('DELETE FROM staged_keys WHERE source_id IN (SELECT unnest($ids))', ...bind({ ids: todo ? [...todo.changed, ...todo.removed] : [] }))
    await con.run('INSERT INTO staged_keys SELECT unnest($ids), unnest($keys)', ...bind({ ids, keys: ids.map((id) => keys[id]) }))
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

if (isMain(import.meta.url)) runStageCli('05-model', main)
