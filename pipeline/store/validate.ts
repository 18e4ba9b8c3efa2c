/**
 * JSON Schema validation with ajv (draft 2020-12): one compiled validator per schema in
 * schemas/, and errors that name the file, the line (for YAML) and the JSON pointer.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { isNode, LineCounter, parseDocument } from 'yaml'
import { displayPath, SCHEMAS_DIR } from './layout.ts'
import { UserError } from './run.ts'

export interface Problem {
  pointer: string
  line: number | null
  message: string
}

/** Bad input: every problem found in one file, each with where it is. */
export class DataError extends UserError {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => `${displayPath(file)}${p.line ? `:${p.line}` : ''} ${p.pointer || '(document)'}\n  ${p.message}`).join('\n'))
    this.name = 'DataError'
  }
}

let ajv: Ajv2020 | null = null

/** ajv-formats in full mode (rejects impossible dates), typed for NodeNext's view of its CommonJS export. */
export function addFormats<T>(instance: T): T {
  ;(addFormatsModule as unknown as { default: (a: T, o: { mode: string }) => void }).default(instance, { mode: 'full' })
  return instance
}
const compiled = new Map<string, ValidateFunction>()

/**
 * An Ajv with every schema in schemas/ loaded. Stages skip checking the schemas against the
 * meta-schema on every start (checkSchemas: false); test/lib/validate.test.ts checks them.
 */
function loadSchemas(checkSchemas: boolean): Ajv2020 {
  const loaded = addFormats(new Ajv2020({ allErrors: true, strict: true, multipleOfPrecision: 9, validateSchema: checkSchemas }))
  // table metadata read by the model and export stages, not by validation
  loaded.addKeyword({ keyword: 'x-primaryKey', schemaType: 'array' })
  loaded.addKeyword({ keyword: 'x-foreignKeys', schemaType: 'array' })
  for (const file of schemaFiles()) loaded.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')), file)
  return loaded
}

function instance(): Ajv2020 {
  ajv ??= loadSchemas(false)
  return ajv
}

/** A validator that also checks each schema against the JSON Schema meta-schema (for the tests). */
export function strictInstance(): Ajv2020 {
  return loadSchemas(true)
}

/** Schema files relative to schemas/: entities.schema.json, tables/events.schema.json ... */
export function schemaFiles(): string[] {
  return fs
    .readdirSync(SCHEMAS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
}

/** The validator for schemas/<name>.schema.json (name may be tables/events). */
export function validator(name: string): ValidateFunction {
  const cached = compiled.get(name)
  if (cached) return cached
  const fn = instance().getSchema(`${name}.schema.json`)
  if (!fn) throw new Error(`no schema named ${name} in ${displayPath(SCHEMAS_DIR)}`)
  compiled.set(name, fn)
  return fn
}

/** What the schemas' shared patterns mean, in the words a curator needs. */
const PATTERN_REASONS: Record<string, string> = {
  '^(?![=+\\-@\\t\\r])':
    'text may not begin with =, +, -, @, a tab or a carriage return (a spreadsheet would run the cell as a formula; reword or start with another character)',
  '^https?://[^\\s]+$': 'expected an http:// or https:// address without spaces (other schemes, such as javascript:, are refused)',
}

function describe(e: ErrorObject, data: unknown): string {
  const found = valueAt(data, e.instancePath)
  const shown = found === undefined ? '' : `; found ${JSON.stringify(found)?.slice(0, 120)}`
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown property "${(e.params as { additionalProperty: string }).additionalProperty}" (expected only the properties the schema lists)`
    case 'required':
      return `missing required property "${(e.params as { missingProperty: string }).missingProperty}"`
    case 'pattern': {
      const explained = PATTERN_REASONS[(e.params as { pattern: string }).pattern]
      return explained ? `${explained}${shown}` : `expected: ${e.message ?? e.keyword}${shown}`
    }
    case 'enum':
      return `expected one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}${shown}`
    default:
      return `expected: ${e.message ?? e.keyword}${shown}`
  }
}

export function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data
  let cur: unknown = data
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

/** Validates `data` against schemas/<name>.schema.json; throws a DataError listing every problem. */
export function assertValid<T>(name: string, data: unknown, file: string, lineOf: (pointer: string) => number | null = () => null): T {
  const validate = validator(name)
  if (validate(data)) return data as T
  const problems = (validate.errors ?? []).map((e) => ({ pointer: e.instancePath, line: lineOf(e.instancePath), message: describe(e, data) }))
  throw new DataError(file, problems)
}

/** A parsed YAML document with a way back from a JSON pointer to its line. */
export function parseYaml(text: string, file: string): { data: unknown; lineOf: (pointer: string) => number | null } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    throw new DataError(
      file,
      doc.errors.map((e) => ({ pointer: '', line: lineCounter.linePos(e.pos[0]).line, message: `not valid YAML: ${e.message.split('\n')[0]}` })),
    )
  }
  const lineOf = (pointer: string): number | null => {
    const keys =
      pointer === ''
        ? []
        : pointer
            .split('/')
            .slice(1)
            .map((k) => (/^\d+$/.test(k) ? Number(k) : k.replace(/~1/g, '/').replace(/~0/g, '~')))
    for (let n = keys.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true)
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
    }
    return null
  }
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }), lineOf }
  } catch (err) {
    // the yaml package refuses an alias bomb (aliases that expand a small file into a huge document)
    throw new DataError(file, [{ pointer: '', line: null, message: `not accepted as YAML: ${(err as Error).message} (expected at most 100 uses of aliases)` }])
  }
}

/** Reads and validates a JSON file. */
export function readJsonValid<T>(name: string, file: string): T {
  let data: unknown
  let text = ''
  try {
    text = fs.readFileSync(file, 'utf8')
    data = JSON.parse(text)
  } catch (err) {
    throw unreadable(err, file, 'JSON')
  }
  return assertValid<T>(name, data, file, jsonLineLocator(text, file))
}

/** JSON is YAML: the YAML parser maps a pointer back to its line; parsed only when an error needs a line. */
function jsonLineLocator(text: string, file: string): (pointer: string) => number | null {
  let lineOf: ((pointer: string) => number | null) | null = null
  return (pointer) => {
    lineOf ??= parseYaml(text, file).lineOf
    return lineOf(pointer)
  }
}

/**
 * Reads and validates a YAML file, with line numbers in errors; `lineOf` maps a JSON pointer of the
 * value to its line, for problems found later. `missing` says what the file should have been.
 */
export function readYamlValid<T>(name: string, file: string, missing = 'file not found'): { value: T; lineOf: (pointer: string) => number | null } {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (err) {
    throw unreadable(err, file, 'YAML', missing)
  }
  const { data, lineOf } = parseYaml(text, file)
  return { value: assertValid<T>(name, data, file, lineOf), lineOf }
}

/** A file that could not be read or parsed, as bad input naming it: missing, not readable, or not valid `format`. */
function unreadable(err: unknown, file: string, format: string, missing = 'file not found'): Error {
  const code = (err as NodeJS.ErrnoException).code
  const problem = (message: string) => new DataError(file, [{ pointer: '', line: null, message }])
  if (code === 'ENOENT') return problem(missing)
  if (code === 'EACCES' || code === 'EPERM') return problem('permission denied (expected a file this user can read)')
  if (code === 'EISDIR') return problem('is a folder (expected a file)')
  if (err instanceof SyntaxError) return problem(`not valid ${format}: ${err.message}`)
  return err as Error
}
