import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataError, parseYaml, readYamlValid, schemaFiles, strictInstance } from '../../pipeline/store/validate.ts'

describe('the schemas in schemas/', () => {
  it.each(schemaFiles())('%s is valid JSON Schema 2020-12 and compiles in strict mode', (file) => {
    const ajv = strictInstance()
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
    expect(() => parseYaml('a: 1\nb: [1, 2\n', 'f.yaml')).toThrow(DataError)
  })

  it('refuses duplicate keys', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-yaml-')), 'annotations.yaml')
    fs.writeFileSync(file, 'source_id: a\nsource_id: b\n')
    expect(() => readYamlValid('annotations', file).value).toThrow(/annotations\.yaml:\d+ \(document\)\n {2}not valid YAML: Map keys must be unique/)
  })
})
