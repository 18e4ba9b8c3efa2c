import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FileError, readJsonLazy, writeJsonAtomic } from '../../pipeline/store/files.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-files-'))

/** Every lazy array made into an array, so the result compares with what was written. */
function materialized(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v && typeof v === 'object' && Symbol.iterator in v ? [...(v as Iterable<unknown>)] : v]))
}

describe('readJsonLazy', () => {
  const doc = {
    source_id: 'a-1',
    source: { title: '一篇文章, with "quotes" and ]brackets[', tags: ['x', 'y'], nested: { deep: [1, 2, { k: '},' }] } },
    text: '第一行\n第二行 } ] ,',
    count: 3,
    none: null,
    empty: [],
    mentions: [
      { start: 0, end: 2, text: '一亿', kind: 'money', amount: 100000000 },
      { start: 5, end: 9, text: '  },\n  {', kind: 'time', list: [{ a: 1 }, []] },
    ],
    scalars: ['one', 2, null, true, ['nested', 'array']],
    last: 'end',
  }

  it('reads back what writeJsonAtomic wrote, every array element by element', () => {
    const file = path.join(dir, 'doc.json')
    writeJsonAtomic(file, doc)
    const lazy = readJsonLazy<typeof doc>(file)
    expect(materialized(lazy)).toEqual(doc)
    expect(Array.isArray(lazy.mentions)).toBe(false)
    // an array can be iterated again, with the same elements
    expect([...lazy.mentions]).toEqual([...lazy.mentions])
  })

  it('reads elements lazily: a file larger than one read (1 MB) gives every element in order', () => {
    const big = { source_id: 'big', mentions: Array.from({ length: 30000 }, (_, i) => ({ start: i, text: `第${i}个提及`.repeat(3) })) }
    const file = path.join(dir, 'big.json')
    writeJsonAtomic(file, big)
    expect(fs.statSync(file).size).toBeGreaterThan(2 << 20)
    const seen = [...readJsonLazy<typeof big>(file).mentions]
    expect(seen).toEqual(big.mentions)
  })

  it('parses a file in another layout (written by hand) whole, with the same result', () => {
    const file = path.join(dir, 'compact.json')
    fs.writeFileSync(file, JSON.stringify(doc))
    expect(materialized(readJsonLazy(file))).toEqual(doc)
  })

  it('names the file when an element is not JSON', () => {
    const file = path.join(dir, 'broken.json')
    writeJsonAtomic(file, { mentions: [{ a: 1 }, { b: 2 }] })
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"b": 2', '"b": 2x'))
    const lazy = readJsonLazy<{ mentions: unknown[] }>(file)
    expect(() => [...lazy.mentions]).toThrow(FileError)
    expect(() => [...lazy.mentions]).toThrow(/broken\.json: could not read it as JSON/)
  })

  it('names the file when it is missing', () => {
    expect(() => readJsonLazy(path.join(dir, 'missing.json'))).toThrow(/missing\.json: could not read it/)
  })
})
