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

export function duckdbType(p: Property): string {
  const [t] = types(p)
  if (t === 'string' && p.format === 'date') return 'DATE'
  return { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN' }[t as string] ?? 'VARCHAR'
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
    return { name: col, type, description: p.description, ...(Object.keys(constraints).length ? { constraints } : {}) }
  })
  return {
    fields,
    missingValues: [''],
    primaryKey: s['x-primaryKey'],
    ...(s['x-foreignKeys'].length ? { foreignKeys: s['x-foreignKeys'] } : {}),
  }
}
