/**
 * 06-export: the DuckDB model -> out/dataset/: CSV and Parquet per table (rows sorted by primary key),
 * datapackage.json (Frictionless v2, Table Schemas generated from schemas/) and README.md (data dictionary).
 * Built in a temporary folder and swapped in whole, so a failed build leaves the previous one as it was.
 * in:  out/build/05-model/dataset.duckdb, schemas/tables/*.schema.json
 * out: out/dataset/
 */
import fs from 'node:fs'
import path from 'node:path'
import pkg from '../package.json' with { type: 'json' }
import conventions from './normalize/date-conventions.json' with { type: 'json' }
import { ident, openDuckDB, rows } from './store/duckdb.ts'
import { sha256 } from './store/files.ts'
import { runStageCli } from './store/layout.ts'
import { isMain, log } from './store/run.ts'
import { columns, frictionlessSchema, TABLES, tableSchema } from './store/table-schemas.ts'

export const DATASET_NAME = 'fengkou-events-funding'

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

export async function main({ model, out }: { model: string; out: string }): Promise<void> {
  const tmp = `${out}.tmp-${process.pid}`
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp, { recursive: true })
  const { instance, con } = await openDuckDB(model)
  const counts: Record<string, number> = {}
  const schemaHash = sha256(TABLES.map((t) => JSON.stringify(tableSchema(t))).join('\n'))
  try {
    for (const t of TABLES) {
      const cols = columns(t)
        .map((c) => ident(c.name))
        .join(', ')
      const order = tableSchema(t)['x-primaryKey'].map(ident).join(', ')
      const select = `SELECT ${cols} FROM ${ident(t)} ORDER BY ${order}`
      await con.run(`COPY (${select}) TO $file (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', NULLSTR '')`, { file: path.join(tmp, `${t}.csv`) } as never)
      await con.run(
        `COPY (${select}) TO $file (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 3, ROW_GROUP_SIZE 122880, KV_METADATA {dataset: $dataset, schema_sha256: $schema})`,
        { file: path.join(tmp, `${t}.parquet`), dataset: DATASET_NAME, schema: schemaHash } as never,
      )
      counts[t] = Number((await rows(con, `SELECT count(*)::INTEGER AS n FROM ${ident(t)}`))[0].n)
    }
  } finally {
    con.closeSync()
    instance.closeSync()
  }
  const resources = TABLES.flatMap((t) =>
    (['csv', 'parquet'] as const).map((format) => {
      const file = `${t}.${format}`
      const bytes = fs.readFileSync(path.join(tmp, file))
      return {
        name: format === 'csv' ? t : `${t}-parquet`,
        type: 'table',
        path: file,
        format,
        mediatype: format === 'csv' ? 'text/csv' : 'application/vnd.apache.parquet',
        ...(format === 'csv' ? { encoding: 'utf-8', dialect: { delimiter: ',', quoteChar: '"', header: true } } : {}),
        bytes: bytes.length,
        hash: `sha256:${sha256(bytes)}`,
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
    version: pkg.version,
    licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' }],
    contributors: [{ title: 'Fengkou', roles: ['creator'] }],
    sources: [{ title: 'Source articles: see the sources table' }],
    keywords: ['events', 'funding', 'OpenAI', 'Chinese news', 'provenance'],
    resources,
  }
  fs.writeFileSync(path.join(tmp, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`)
  fs.writeFileSync(path.join(tmp, 'README.md'), `${dataDictionary(counts)}\n`)
  const old = `${out}.old-${process.pid}`
  if (fs.existsSync(out)) fs.renameSync(out, old)
  fs.renameSync(tmp, out)
  fs.rmSync(old, { recursive: true, force: true })
  log('06-export', TABLES.map((t) => `${t} ${counts[t]}`).join(', '))
}

/** Parquet resources carry the same schema, but foreign keys must name the Parquet resources. */
function frictionlessSchemaParquet(t: (typeof TABLES)[number]): Record<string, unknown> {
  const s = frictionlessSchema(t) as { foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] }
  const { missingValues: _drop, ...rest } = s as Record<string, unknown>
  if (!s.foreignKeys) return rest
  return { ...rest, foreignKeys: s.foreignKeys.map((fk) => ({ ...fk, reference: { ...fk.reference, resource: `${fk.reference.resource}-parquet` } })) }
}

if (isMain(import.meta.url)) runStageCli('06-export', main)
