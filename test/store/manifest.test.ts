import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { finishManifest, readManifest } from '../../pipeline/store/manifest.ts'
import { tempDir } from '../helpers/run.ts'

describe('a stage manifest read again in the same process', () => {
  it('is the one on disk: what this process wrote, and what another wrote after it read (the same size and second too)', () => {
    const dir = tempDir('manifest')
    const file = path.join(dir, 'manifest.json')
    finishManifest(dir, { b: '2', a: '1' }, (id) => path.join(dir, id), {})
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n "a": "1",\n "b": "2"\n}\n')
    expect(readManifest(dir)).toEqual({ a: '1', b: '2' })
    // rewritten in place by someone else, same length: only the stat (change time, nanoseconds) tells
    fs.writeFileSync(file, '{\n "a": "3",\n "b": "4"\n}\n')
    expect(readManifest(dir)).toEqual({ a: '3', b: '4' })
    fs.rmSync(file)
    expect(readManifest(dir)).toEqual({})
  })
})
