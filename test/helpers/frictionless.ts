/** Validation against the official Frictionless Data Package v2 profiles (test/fixtures/frictionless-2.0). */
import fs from 'node:fs'
import path from 'node:path'
import { Ajv } from 'ajv'
import { ROOT } from '../../pipeline/store/layout.ts'
import { addFormats } from '../../pipeline/store/validate.ts'

const PROFILES = path.join(ROOT, 'test', 'fixtures', 'frictionless-2.0')

/** The problems of a descriptor against the datapackage, dataresource and tableschema profiles; empty when valid. */
export function frictionlessProblems(descriptor: { resources: { name: string; schema?: unknown }[] }): string[] {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))
  // the profiles use this non-standard format for long text
  ajv.addFormat('textarea', true)
  for (const profile of ['datapackage', 'dataresource', 'tableschema', 'tabledialect']) {
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(PROFILES, `${profile}.json`), 'utf8')), profile)
  }
  const problems: string[] = []
  if (!ajv.validate('datapackage', descriptor)) problems.push(`datapackage: ${ajv.errorsText()}`)
  for (const r of descriptor.resources) {
    if (!ajv.validate('dataresource', r)) problems.push(`${r.name}: ${ajv.errorsText()}`)
    // a Table Schema is optional: the workbook and the databases of a release are resources without one
    if (r.schema !== undefined && !ajv.validate('tableschema', r.schema)) problems.push(`${r.name} schema: ${ajv.errorsText()}`)
  }
  return problems
}
