import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeFailure, StageError } from '../../pipeline/store/run.ts'
import { DataError, readJsonValid, readYamlValid } from '../../pipeline/store/validate.ts'

describe('describeFailure', () => {
  const bad = new DataError('raw/x/source.json', [{ pointer: '/title', line: 2, message: 'found 1, expected a string' }])

  it('gives bad input as its message alone, inside a stage too', () => {
    expect(describeFailure(bad)).toBe('raw/x/source.json:2 /title\n  found 1, expected a string')
    expect(describeFailure(new StageError('01-ingest', bad))).toBe(describeFailure(bad))
  })

  it('gives a program error with its stack, inside a stage too', () => {
    const bug = new TypeError('x is undefined')
    expect(describeFailure(bug)).toMatch(/^TypeError: x is undefined\n\s+at /)
    expect(describeFailure(new StageError('02-extract', bug))).toBe(bug.stack)
  })
})

describe('reading a file that is not there or not a file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-read-'))

  it('says a folder is a folder, not that it is invalid JSON', () => {
    expect(() => readJsonValid('source', dir)).toThrow(new DataError(dir, [{ pointer: '', line: null, message: 'is a folder (expected a file)' }]))
  })

  it('says a missing YAML file is missing, in the words the caller gives', () => {
    const file = path.join(dir, 'annotations.yaml')
    expect(() => readYamlValid('annotations', file, 'file not found (expected the annotations)')).toThrow(
      new DataError(file, [{ pointer: '', line: null, message: 'file not found (expected the annotations)' }]),
    )
  })

  it('still says invalid JSON is invalid JSON', () => {
    const file = path.join(dir, 'source.json')
    fs.writeFileSync(file, '{"source_id": ')
    expect(() => readJsonValid('source', file)).toThrow(/source\.json \(document\)\n {2}not valid JSON: /)
  })
})
