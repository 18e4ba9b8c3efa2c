/**
 * The nine tables as schemas/tables/*.schema.json describe them: column order, DuckDB types,
 * Frictionless Table Schemas. The JSON Schema is the single source of truth.
 */
import fs from 'node:fs'
import path from 'node:path'
import { SCHEMAS_DIR } from './layout.ts'

export const TABLES = ['sources', 'entities', 'events', 'event_participants', 'funding', 'funders', 'metrics', 'evidence', 'mentions'] as const
export type TableName = (typeof TABLES)[number]

interface Property {
  type?: string | string[]
  enum?: (string | null)[]
  format?: string
  description: string
  pattern?: string
  minimum?: number
}
export interface TableSchema {
  title: string
  description: string
  required: string[]
  properties: Record<string, Property>
  'x-primaryKey': string[]
  'x-foreignKeys': { fields: string[]; reference: { resource: string; fields: string[] } }[]
}

export function tableSchema(name: TableName): TableSchema {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, 'tables', `${name}.schema.json`), 'utf8')) as TableSchema
}

const types = (p: Property) => (p.enum ? ['string'] : Array.isArray(p.type) ? p.type : [p.type ?? 'string']).filter((t) => t !== 'null')

/**
 * Every `number` of the dataset (amounts, their bounds, amount_usd, figures and their bounds, a
 * mention's value) is read from decimal text, so it is stored as a decimal, never a float: sums are
 * exact in every reader. 38 digits (Parquet's and Arrow's widest decimal128) with 4 after the point:
 * room for 34 before it (China's GDP in yuan has 15) and for cents, percents and ratios such as 1.25;
 * a value with more places is refused by the model (pipeline/sql/checks/numbers_beyond_four_decimal_places.sql).
 * Counts stay integers (BIGINT).
 */
export const DECIMAL_TYPE = 'DECIMAL(38,4)'
export const DECIMAL_NOTE =
  'A decimal with at most 4 places after the point: DECIMAL(38,4) in Parquet and DuckDB, NUMERIC in SQLite, a number in the workbook; the CSV writes it without trailing zeros (1000000000, 12.5).'

export function duckdbType(p: Property): string {
  const [t] = types(p)
  if (t === 'string' && p.format === 'date') return 'DATE'
  return { string: 'VARCHAR', integer: 'BIGINT', number: DECIMAL_TYPE, boolean: 'BOOLEAN' }[t as string] ?? 'VARCHAR'
}

/** The type a column is staged with before the model casts it: decimals as DOUBLE, so the model can refuse a value a cast would round. */
export function stagingType(type: string): string {
  return type === DECIMAL_TYPE ? 'DOUBLE' : type
}

export function columns(name: TableName): { name: string; type: string; nullable: boolean }[] {
  const s = tableSchema(name)
  return Object.entries(s.properties).map(([col, p]) => ({
    name: col,
    type: duckdbType(p),
    nullable: (Array.isArray(p.type) && p.type.includes('null')) || (p.enum?.includes(null) ?? false),
  }))
}

/** A Frictionless Table Schema (v2) for the table. */
export function frictionlessSchema(name: TableName): Record<string, unknown> {
  const s = tableSchema(name)
  const fields = Object.entries(s.properties).map(([col, p]) => {
    const [t] = types(p)
    const type = t === 'string' && p.format === 'date' ? 'date' : t
    const constraints: Record<string, unknown> = {}
    const nullable = (Array.isArray(p.type) && p.type.includes('null')) || (p.enum?.includes(null) ?? false)
    if (!nullable) constraints.required = true
    if (p.enum) constraints.enum = p.enum.filter((v) => v !== null)
    if (p.pattern) constraints.pattern = p.pattern
    if (p.minimum !== undefined) constraints.minimum = p.minimum
    const description = t === 'number' ? `${p.description} ${DECIMAL_NOTE}` : p.description
    return { name: col, type, description, ...(Object.keys(constraints).length ? { constraints } : {}) }
  })
  return {
    fields,
    missingValues: [''],
    primaryKey: s['x-primaryKey'],
    ...(s['x-foreignKeys'].length ? { foreignKeys: s['x-foreignKeys'] } : {}),
  }
}
