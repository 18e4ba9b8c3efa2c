/**
 * 06-export: the DuckDB model -> out/dataset/: CSV and Parquet per table (rows sorted by primary key),
 * datapackage.json (Frictionless v2, Table Schemas generated from schemas/) and README.md (data dictionary).
 * Built in a temporary folder beside out/, then swapped in by one rename(2) of a symbolic link (out/dataset
 * -> .dataset-<hash>), so a failed or killed build leaves the previous dataset whole; leftovers of an
 * interrupted export are removed at the next start. A table whose rows have the fingerprint recorded by the
 * previous export keeps that export's files (hard links into the new folder; store/export-reuse.ts), so a
 * build that changed one article writes only the tables that article changed.
 * in:  out/build/05-model/dataset.duckdb, schemas/tables/*.schema.json
 * out: out/dataset/, out/build/05-model/export-tables.json (what it wrote, for the next export)
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DuckDBConnection } from '@duckdb/node-api'
import conventions from './normalize/date-conventions.json' with { type: 'json' }
import { ident, openDuckDB, rows } from './store/duckdb.ts'
import { fileRecord, keepTable, readExportRecord, writeExportRecord } from './store/export-reuse.ts'
import { sha256 } from './store/files.ts'
import { ROOT, runStageCli } from './store/layout.ts'
import { codeVersion, keyOf } from './store/manifest.ts'
import { isMain, log } from './store/run.ts'
import { asideNames, currentFolder, removeLeftovers } from './store/swap-folder.ts'
import { columns, DECIMAL_TYPE, frictionlessSchema, TABLES, tableSchema } from './store/table-schemas.ts'

export const DATASET_NAME = 'fengkou-events-funding'

/** The published releases' index, committed with the repository: the build is named after its latest version. */
export const RELEASE_INDEX = path.join(ROOT, 'out', 'releases', 'index.json')

/**
 * The version an unreleased build states: a semver pre-release of the version after the latest
 * release, `<major>.<minor>.<patch + 1>-build` (1.0.2-build after 1.0.1; 1.0.0-build before any), which
 * sorts after the latest release and before whatever version is published next. Which bump the next
 * release needs is `make diff`'s answer, not the build's; `make release` replaces the version and adds
 * `created`. A build has no `created`: its bytes depend on its inputs only, not on when it ran.
 */
export function buildVersion(indexText: string | null): string {
  if (indexText === null) return '1.0.0-build'
  const versions = ((JSON.parse(indexText) as { releases?: { version?: unknown }[] }).releases ?? [])
    .map((r) => (typeof r.version === 'string' ? /^(\d+)\.(\d+)\.(\d+)$/.exec(r.version) : null))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), Number(m[2]), Number(m[3])])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2])
  const latest = versions.at(-1)
  return latest ? `${latest[0]}.${latest[1]}.${latest[2] + 1}-build` : '1.0.0-build'
}

export function dataDictionary(counts: Record<string, number>): string {
  const lines = [
    '# Fengkou dataset: data dictionary',
    '',
    'Generated from `schemas/tables/*.schema.json`. Offsets are 0-based, end-exclusive Unicode code points of the',
    'normalized source text. Dates are ISO 8601; an empty CSV field is null. See the repository README for the',
    `date conventions (version ${conventions.version}) and how values are derived from the text.`,
    '',
  ]
  for (const t of TABLES) {
    const s = tableSchema(t)
    lines.push(
      `## ${t}`,
      '',
      `${s.description} Primary key: ${s['x-primaryKey'].join(', ')}. Rows: ${counts[t]}.`,
      '',
      '| column | type | null | description |',
      '|---|---|---|---|',
    )
    for (const c of columns(t)) {
      const p = s.properties[c.name]
      const values = p.enum ? ` One of: ${p.enum.filter((v) => v !== null).join(', ')}.` : ''
      lines.push(`| ${c.name} | ${c.type.toLowerCase()} | ${c.nullable ? 'yes' : 'no'} | ${p.description.replace(/\|/g, '\\|')}${values} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}

/**
 * For the crash tests: FENGKOU_CRASH_AT=<step> kills the process (SIGKILL, so no cleanup runs) at
 * that step of the export: written (files complete aside), folder (versioned folder in place),
 * link (new link made, not yet swapped), swapped (link renamed over out, leftovers not yet removed).
 */
function crashPoint(step: string): void {
  if (process.env.FENGKOU_CRASH_AT === step) process.kill(process.pid, 'SIGKILL')
}

/**
 * Makes the folder written aside the dataset in one rename(2): out is a symbolic link to a
 * versioned folder beside it (named by the hash of its datapackage.json), and a new link is renamed
 * over it, so a reader or a crash sees the old dataset or the new one, never neither. A real folder
 * left by an earlier version of this stage is moved aside first (once).
 */
function swapIn(out: string, tmp: string): void {
  const s = asideNames(out)
  const name = s.folder(sha256(fs.readFileSync(path.join(tmp, 'datapackage.json'))).slice(0, 16))
  const folder = path.join(s.dir, name)
  if (currentFolder(out) === name) {
    // the same datapackage.json: the folder should hold these very files; one written again (a kept file was
    // edited by hand since the last export) replaces its edited copy, each by one rename(2)
    for (const f of fs.readdirSync(tmp)) {
      const [fresh, there] = [path.join(tmp, f), path.join(folder, f)]
      if (fs.statSync(fresh).ino !== fs.statSync(there, { throwIfNoEntry: false })?.ino) fs.renameSync(fresh, there)
    }
    fs.rmSync(tmp, { recursive: true, force: true })
    return
  }
  fs.rmSync(folder, { recursive: true, force: true })
  fs.renameSync(tmp, folder)
  crashPoint('folder')
  const st = fs.lstatSync(out, { throwIfNoEntry: false })
  if (st && !st.isSymbolicLink()) fs.renameSync(out, path.join(s.dir, `.${path.basename(out)}.old-${process.pid}`))
  fs.rmSync(s.link, { force: true })
  fs.symlinkSync(name, s.link)
  crashPoint('link')
  fs.renameSync(s.link, out)
  crashPoint('swapped')
}

/**
 * The fingerprint of a table's rows, a cache key for its files: the export's code (and schemas), the
 * DuckDB version (which writes the Parquet), the row count and two aggregates of DuckDB's hash of each
 * row (an xor and a sum, 128 bits together; rows are unique by their primary key, and the files order
 * them by it, so the set of rows fixes the bytes). Computed without writing anything.
 */
async function tableKey(con: DuckDBConnection, t: (typeof TABLES)[number], code: string): Promise<{ key: string; count: number }> {
  const cols = columns(t)
    .map((c) => ident(c.name))
    .join(', ')
  return rowsKey(con, t, cols, ident(t), code)
}

/** tableKey's fingerprint of the rows of `from` (a table, or the build report's query), over the columns `cols`, named `name`. */
async function rowsKey(con: DuckDBConnection, name: string, cols: string, from: string, code: string): Promise<{ key: string; count: number }> {
  const [r] = await rows(
    con,
    `SELECT count(*)::INTEGER AS n, coalesce(bit_xor(h), 0)::VARCHAR AS x, coalesce(sum(h::HUGEINT), 0)::VARCHAR AS s, (SELECT library_version FROM pragma_version()) AS v FROM (SELECT hash(${cols}) AS h FROM ${from})`,
  )
  return { key: keyOf(code, String(r.v), name, String(r.n), String(r.x), String(r.s)), count: Number(r.n) }
}

/** Where the export records what it wrote, for the next export to keep what did not change: beside the model it reads. */
export const exportRecordFile = (model: string) => path.join(path.dirname(model), 'export-tables.json')

export async function main({ model, out }: { model: string; out: string }): Promise<void> {
  fs.mkdirSync(path.dirname(out), { recursive: true })
  removeLeftovers(out)
  const { tmp, dir } = asideNames(out)
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp, { recursive: true })
  // the previous export's record counts only when out/ still points at the folder it describes
  const record = readExportRecord(exportRecordFile(model))
  const current = currentFolder(out)
  const previous = record && current === record.folder ? { record, dir: path.join(dir, current) } : null
  const code = codeVersion(fileURLToPath(import.meta.url))
  const { instance, con } = await openDuckDB(model)
  const counts: Record<string, number> = {}
  const written: Record<string, { key: string; files: Record<string, { sha256: string; bytes: number }> }> = {}
  const reused: string[] = []
  let tiers: { table: string; machine: number; left_out: number }[] = []
  const schemaHash = sha256(TABLES.map((t) => JSON.stringify(tableSchema(t))).join('\n'))
  try {
    for (const t of TABLES) {
      const { key, count } = await tableKey(con, t, code)
      counts[t] = count
      const names = [`${t}.csv`, `${t}.parquet`]
      const kept = keepTable(previous, t, key, names, tmp)
      if (kept) {
        written[t] = { key, files: kept }
        reused.push(t)
        continue
      }
      const cols = columns(t)
        .map((c) => ident(c.name))
        .join(', ')
      const order = tableSchema(t)['x-primaryKey'].map(ident).join(', ')
      // sorted once: the Parquet file is written in primary-key order, and the CSV is read back from it in that order
      // (a scan of a Parquet file keeps its rows' order, preserve_insertion_order being on): a second sort of the table
      // cost 120-280 ms of the 0.4-0.7 s that mentions took at 10,000 articles
      const parquet = path.join(tmp, names[1])
      await con.run(
        `COPY (SELECT ${cols} FROM ${ident(t)} ORDER BY ${order}) TO $file (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 3, ROW_GROUP_SIZE 122880, KV_METADATA {dataset: $dataset, schema_sha256: $schema})`,
        { file: parquet, dataset: DATASET_NAME, schema: schemaHash } as never,
      )
      await con.run(
        `COPY (SELECT ${columns(t).map(csvColumn).join(', ')} FROM read_parquet($parquet)) TO $file (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', NULLSTR '')`,
        { parquet, file: path.join(tmp, names[0]) } as never,
      )
      written[t] = { key, files: Object.fromEntries(names.map((name) => [name, fileRecord(path.join(tmp, name))])) }
    }
    tiers = await tierCounts(con)
    // the report too is kept when its rows did not change (at 100,000 articles it has 190,000 rows: 0.9 s to sort and write)
    const report = await rowsKey(con, REPORT, 'source_id, record_table, record_id, reasons', `(${LEFT_OUT_ROWS})`, code)
    const keptReport = keepTable(previous, REPORT, report.key, [REPORT], tmp)
    if (!keptReport)
      await con.run(`COPY (${LEFT_OUT}) TO $file (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', NULLSTR '')`, { file: path.join(tmp, REPORT) } as never)
    written[REPORT] = { key: report.key, files: keptReport ?? { [REPORT]: fileRecord(path.join(tmp, REPORT)) } }
  } finally {
    con.closeSync()
    instance.closeSync()
  }
  const resources = TABLES.flatMap((t) =>
    (['csv', 'parquet'] as const).map((format) => {
      const file = `${t}.${format}`
      const { sha256: hash, bytes } = written[t].files[file]
      return {
        name: format === 'csv' ? t : `${t}-parquet`,
        type: 'table',
        path: file,
        format,
        mediatype: format === 'csv' ? 'text/csv' : 'application/vnd.apache.parquet',
        ...(format === 'csv' ? { encoding: 'utf-8', dialect: { delimiter: ',', quoteChar: '"', header: true } } : {}),
        // a Parquet file's size is left to its hash (and SHA256SUMS): the Frictionless validator reads Parquet through
        // pyarrow, cannot count its bytes, and reports every stated byte count as wrong (it skips the hash likewise)
        ...(format === 'csv' ? { bytes } : {}),
        hash: `sha256:${hash}`,
        title: tableSchema(t).title,
        description: tableSchema(t).description,
        schema: format === 'csv' ? frictionlessSchema(t) : frictionlessSchemaParquet(t),
      }
    }),
  )
  const descriptor = {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: DATASET_NAME,
    title: 'Fengkou: events and funding from Chinese-language tech and finance news',
    description:
      'Who founded, left, launched, invested, donated, pledged or claimed what, when and for how much, with every row traceable to the characters of the article it came from.',
    version: buildVersion(fs.existsSync(RELEASE_INDEX) ? fs.readFileSync(RELEASE_INDEX, 'utf8') : null),
    licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' }],
    contributors: [{ title: 'Fengkou', roles: ['creator'] }],
    sources: [{ title: 'Source articles: see the sources table' }],
    keywords: ['events', 'funding', 'Chinese news', 'provenance'],
    resources,
  }
  fs.writeFileSync(path.join(tmp, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`)
  fs.writeFileSync(path.join(tmp, 'README.md'), `${dataDictionary(counts)}\n`)
  crashPoint('written')
  swapIn(out, tmp)
  removeLeftovers(out)
  writeExportRecord(exportRecordFile(model), path.join(dir, currentFolder(out) as string), written)
  log('06-export', TABLES.map((t) => `${t} ${counts[t]}`).join(', '))
  if (reused.length) log('06-export', `${TABLES.length - reused.length} table(s) written, ${reused.length} unchanged and kept from the previous export`)
  // a curated-only dataset has no machine tier to speak of
  if (tiers.some((x) => x.machine + x.left_out > 0))
    log('06-export', `machine tier: ${tiers.map((x) => `${x.table} ${x.machine} kept, ${x.left_out} left out`).join('; ')} (why: ${path.join(out, REPORT)})`)
}

/**
 * A column as the CSV writes it: a decimal without the trailing zeros of its scale (1000000000, not
 * 1000000000.0000, nor the 1000000000.0 of a float), so the text is the number a person would write.
 */
export function csvColumn(c: { name: string; type: string }): string {
  if (c.type !== DECIMAL_TYPE) return ident(c.name)
  const text = `CAST(${ident(c.name)} AS VARCHAR)`
  return `CASE WHEN contains(${text}, '.') THEN rtrim(rtrim(${text}, '0'), '.') ELSE ${text} END AS ${ident(c.name)}`
}

/**
 * The build report: every machine-tier record 03-assemble left out, with its source and its reasons
 * (one a line), and every conflict between the reports of one merged flow or event (the model's
 * merge_conflicts: the source that disagrees, the row it was merged into, both values and which the
 * row keeps). Not a table of the dataset: it says what the machine could not read with confidence.
 */
export const REPORT = 'build-report.csv'
const LEFT_OUT_ROWS = `SELECT _source_id AS source_id, record_table, record_id, notes AS reasons FROM staged_all WHERE _table = '_left_out'
  UNION ALL SELECT source_id, record_table, record_id, reasons FROM merge_conflicts`
const LEFT_OUT = `SELECT * FROM (${LEFT_OUT_ROWS}) ORDER BY source_id, record_table, record_id, reasons`

/** Per table of records, the machine-tier rows kept and the ones left out. */
async function tierCounts(con: DuckDBConnection): Promise<{ table: string; machine: number; left_out: number }[]> {
  const out = []
  for (const table of ['events', 'funding', 'metrics']) {
    const [kept] = await rows(con, `SELECT count(*)::INTEGER AS n FROM ${ident(table)} WHERE review_status = 'machine'`)
    const [left] = await rows(con, "SELECT count(*)::INTEGER AS n FROM staged_all WHERE _table = '_left_out' AND record_table = $table", { table })
    out.push({ table, machine: Number(kept.n), left_out: Number(left.n) })
  }
  return out
}

/** Parquet resources carry the same schema, but foreign keys must name the Parquet resources. */
function frictionlessSchemaParquet(t: (typeof TABLES)[number]): Record<string, unknown> {
  const s = frictionlessSchema(t) as { foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] }
  const { missingValues: _drop, ...rest } = s as Record<string, unknown>
  if (!s.foreignKeys) return rest
  return { ...rest, foreignKeys: s.foreignKeys.map((fk) => ({ ...fk, reference: { ...fk.reference, resource: `${fk.reference.resource}-parquet` } })) }
}

if (isMain(import.meta.url)) runStageCli('06-export', main)
