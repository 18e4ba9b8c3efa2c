import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SCHEMAS_DIR } from '../../pipeline/store/layout.ts'
import { DataError, parseYaml, readYamlValid, schemaFiles, strictInstance } from '../../pipeline/store/validate.ts'

describe('the schemas in schemas/', () => {
  const ajv = strictInstance()
  it.each(schemaFiles())('%s is valid JSON Schema 2020-12 and compiles in strict mode', (file) => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, file), 'utf8'))
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(ajv.validateSchema(schema)).toBe(true)
    expect(ajv.getSchema(file)).toBeTypeOf('function')
  })
})

describe('YAML with line numbers', () => {
  it('maps a JSON pointer back to the line it came from', () => {
    const { lineOf } = parseYaml('a: 1\nlist:\n  - x: 1\n  - x: 2\n', 'f.yaml')
    expect(lineOf('/list/1/x')).toBe(4)
    expect(lineOf('/list/1/missing')).toBe(4)
  })

  it('names the line of a YAML syntax error', () => {
    const bad = () => parseYaml('a: 1\nb: c: d\ne: 2\n', 'f.yaml')
    expect(bad).toThrow(DataError)
    expect(bad).toThrow(/^f\.yaml:2 \(document\)\n {2}not valid YAML: Nested mappings are not allowed/)
  })

  it('refuses duplicate keys', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-yaml-')), 'annotations.yaml')
    fs.writeFileSync(file, 'source_id: a\nsource_id: b\n')
    expect(() => readYamlValid('annotations', file).value).toThrow(/annotations\.yaml:\d+ \(document\)\n {2}not valid YAML: Map keys must be unique/)
  })
})
