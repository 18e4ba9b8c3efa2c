/**
 * Row-level and schema differences between two builds of the dataset (two folders of CSV +
 * datapackage.json), computed by DuckDB: rows matched by primary key, added, removed, changed
 * (with each changed column's old and new value), and the version bump the change requires.
 */
import path from 'node:path'
import type { DuckDBConnection } from '@duckdb/node-api'
import { ident, openDuckDB, rows } from '../store/duckdb.ts'
import { readJson } from '../store/files.ts'
import type { Field, Resource } from './data-package.ts'
import { mdCode, mdText } from './markdown.ts'
import type { Bump } from './semver.ts'
import { maxBump } from './semver.ts'

export interface SchemaChange {
  table: string
  column: string | null
  change: string
  bump: Bump
}
export interface ValueChange {
  key: string
  column: string
  old: string | null
  new: string | null
}
export interface TableDiff {
  table: string
  added: string[]
  removed: string[]
  changed: ValueChange[]
}
export interface DatasetDiff {
  schema: SchemaChange[]
  tables: TableDiff[]
  required: Bump
}

function csvResources(dir: string): Map<string, Resource> {
  const pkg = readJson<{ resources: Resource[] }>(path.join(dir, 'datapackage.json'))
  return new Map(pkg.resources.filter((r) => r.format === 'csv').map((r) => [r.name, r]))
}

/** A tightened constraint breaks data that was valid: required added, enum values removed, a minimum raised, a new pattern. */
function tightened(a: Field, b: Field): string | null {
  const x = a.constraints ?? {}
  const y = b.constraints ?? {}
  if (!x.required && y.required) return 'became required'
  if (y.enum && (!x.enum || x.enum.some((v) => !y.enum?.includes(v)))) return 'allowed values narrowed'
  if (y.pattern && y.pattern !== x.pattern) return 'pattern added or changed'
  if (y.minimum !== undefined && (x.minimum === undefined || y.minimum > x.minimum)) return 'minimum raised'
  return null
}

export function schemaChanges(fromDir: string, toDir: string): SchemaChange[] {
  const a = csvResources(fromDir)
  const b = csvResources(toDir)
  const out: SchemaChange[] = []
  for (const [name, ra] of a) {
    const rb = b.get(name)
    if (!rb) {
      out.push({ table: name, column: null, change: 'table removed', bump: 'major' })
      continue
    }
    const fb = new Map(rb.schema.fields.map((f) => [f.name, f]))
    for (const f of ra.schema.fields) {
      const g = fb.get(f.name)
      if (!g) out.push({ table: name, column: f.name, change: 'column removed or renamed', bump: 'major' })
      else if (g.type !== f.type) out.push({ table: name, column: f.name, change: `type changed from ${f.type} to ${g.type}`, bump: 'major' })
      else {
        const t = tightened(f, g)
        if (t) out.push({ table: name, column: f.name, change: t, bump: 'major' })
      }
    }
    const fa = new Set(ra.schema.fields.map((f) => f.name))
    for (const g of rb.schema.fields) if (!fa.has(g.name)) out.push({ table: name, column: g.name, change: 'column added', bump: 'minor' })
    if (ra.schema.primaryKey.join() !== rb.schema.primaryKey.join()) out.push({ table: name, column: null, change: 'primary key changed', bump: 'major' })
  }
  for (const name of b.keys()) if (!a.has(name)) out.push({ table: name, column: null, change: 'table added', bump: 'minor' })
  return out.sort((x, y) => x.table.localeCompare(y.table) || (x.column ?? '').localeCompare(y.column ?? ''))
}

async function loadCsv(con: DuckDBConnection, table: string, file: string): Promise<void> {
  await con.run(`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_csv($file, header = true, all_varchar = true, allow_quoted_nulls = false)`, {
    file,
  } as never)
}

async function tableDiff(con: DuckDBConnection, name: string, a: Resource, b: Resource, fromDir: string, toDir: string): Promise<TableDiff> {
  await loadCsv(con, 'a', path.join(fromDir, a.path))
  await loadCsv(con, 'b', path.join(toDir, b.path))
  const pk = b.schema.primaryKey
  const key = `concat_ws(' | ', ${pk.map((k) => `x.${ident(k)}`).join(', ')})`
  const joinOn = pk.map((k) => `a.${ident(k)} = b.${ident(k)}`).join(' AND ')
  const keyed = (alias: string) => key.replaceAll('x.', `${alias}.`)
  const added = await rows(con, `SELECT ${keyed('b')} AS k FROM b WHERE NOT EXISTS (SELECT 1 FROM a WHERE ${joinOn}) ORDER BY k`)
  const removed = await rows(con, `SELECT ${keyed('a')} AS k FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE ${joinOn}) ORDER BY k`)
  const shared = a.schema.fields.map((f) => f.name).filter((c) => b.schema.fields.some((g) => g.name === c) && !pk.includes(c))
  let changed: ValueChange[] = []
  if (shared.length) {
    // each column's name is a value in the result: bound as $c0, $c1, ...
    // a number is compared as a number: 1000000000.0 (a float column of an older release) equals 1000000000 (a decimal)
    const numbers = new Set(b.schema.fields.filter((f) => f.type === 'number').map((f) => f.name))
    const value = (alias: string, c: string) =>
      numbers.has(c) ? `coalesce(CAST(TRY_CAST(${alias}.${ident(c)} AS DECIMAL(38,10)) AS VARCHAR), ${alias}.${ident(c)})` : `${alias}.${ident(c)}`
    const parts = shared.map(
      (c, i) =>
        `SELECT ${keyed('b')} AS k, $c${i} AS col, a.${ident(c)} AS old, b.${ident(c)} AS new FROM a JOIN b ON ${joinOn} WHERE ${value('a', c)} IS DISTINCT FROM ${value('b', c)}`,
    )
    const names = Object.fromEntries(shared.map((c, i) => [`c${i}`, c]))
    changed = (await rows(con, `${parts.join(' UNION ALL ')} ORDER BY k, col`, names)).map((r) => ({
      key: String(r.k),
      column: String(r.col),
      old: (r.old as string) ?? null,
      new: (r.new as string) ?? null,
    }))
  }
  return { table: name, added: added.map((r) => String(r.k)), removed: removed.map((r) => String(r.k)), changed }
}

export async function diffDatasets(fromDir: string, toDir: string): Promise<DatasetDiff> {
  const schema = schemaChanges(fromDir, toDir)
  const a = csvResources(fromDir)
  const b = csvResources(toDir)
  const { instance, con } = await openDuckDB()
  const tables: TableDiff[] = []
  try {
    for (const [name, rb] of [...b].sort(([x], [y]) => x.localeCompare(y))) {
      const ra = a.get(name)
      if (ra) tables.push(await tableDiff(con, name, ra, rb, fromDir, toDir))
    }
  } finally {
    con.closeSync()
    instance.closeSync()
  }
  let required: Bump = 'none'
  for (const s of schema) required = maxBump(required, s.bump)
  for (const t of tables) {
    if (t.added.length || t.removed.length) required = maxBump(required, 'minor')
    if (t.changed.length) required = maxBump(required, 'patch')
  }
  return { schema, tables, required }
}

/** The diff as Markdown, for CHANGELOG.md and `make diff`. */
export function diffMarkdown(d: DatasetDiff, limit = 50): string {
  const lines: string[] = []
  if (d.schema.length) {
    lines.push('Schema changes:', '')
    for (const s of d.schema) lines.push(`- ${s.table}${s.column ? `.${s.column}` : ''}: ${s.change} (${s.bump})`)
    lines.push('')
  }
  const touched = d.tables.filter((t) => t.added.length || t.removed.length || t.changed.length)
  if (!touched.length && !d.schema.length) return 'No changes to rows or schemas.\n'
  lines.push('| table | added | removed | changed rows |', '|---|---|---|---|')
  for (const t of d.tables) lines.push(`| ${t.table} | ${t.added.length} | ${t.removed.length} | ${new Set(t.changed.map((c) => c.key)).size} |`)
  lines.push('')
  for (const t of touched) {
    lines.push(`### ${t.table}`, '')
    for (const k of t.added.slice(0, limit)) lines.push(`- added ${mdCode(k)}`)
    for (const k of t.removed.slice(0, limit)) lines.push(`- removed ${mdCode(k)}`)
    // table and column names come from the schemas; keys and values from the data
    for (const c of t.changed.slice(0, limit))
      lines.push(`- changed ${mdCode(c.key)} ${c.column}: ${mdText(JSON.stringify(c.old))} → ${mdText(JSON.stringify(c.new))}`)
    const more =
      t.added.length +
      t.removed.length +
      t.changed.length -
      Math.min(limit, t.added.length) -
      Math.min(limit, t.removed.length) -
      Math.min(limit, t.changed.length)
    if (more > 0) lines.push(`- … and ${more} more (see changes/${t.table}.csv)`)
    lines.push('')
  }
  return `${lines.join('\n')}\n`
}
