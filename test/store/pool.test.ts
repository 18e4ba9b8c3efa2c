import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OWN_PROCESS_BYTES, runPool, workerCount } from '../../pipeline/store/pool.ts'
import { describeFailure, UserError } from '../../pipeline/store/run.ts'
import { DataError } from '../../pipeline/store/validate.ts'

describe('workerCount', () => {
  it('is one per core when FENGKOU_WORKERS is unset or empty', () => {
    expect(workerCount(undefined)).toBe(os.availableParallelism())
    expect(workerCount('')).toBe(os.availableParallelism())
  })

  it('takes a whole number of workers', () => {
    expect(workerCount('3')).toBe(3)
  })

  it.each(['abc', '0', '-2', '1.5', '2x', 'NaN'])('refuses FENGKOU_WORKERS=%s, naming the variable and what it expects', (value) => {
    expect(() => workerCount(value)).toThrow(new UserError(`FENGKOU_WORKERS: found "${value}", expected a whole number of worker processes, 1 or more`))
  })
})

describe('runPool', () => {
  const ids = Array.from({ length: 70 }, (_, i) => `s${String(i).padStart(2, '0')}`)

  it('refuses a bad FENGKOU_WORKERS before doing any work', async () => {
    const done: string[] = []
    process.env.FENGKOU_WORKERS = 'abc'
    try {
      await expect(runPool('test', { module: '', ids, options: {} }, (id) => void done.push(id))).rejects.toThrow(/FENGKOU_WORKERS: found "abc"/)
    } finally {
      delete process.env.FENGKOU_WORKERS
    }
    expect(done).toEqual([])
  })

  it('reports bad input by its message and a program error with its stack, sorted by source', async () => {
    const work = (id: string) => {
      if (id === 's02') throw new DataError('raw/s02/source.json', [{ pointer: '/title', line: 3, message: 'found 1, expected a string' }])
      if (id === 's01') throw new TypeError('cannot read x of undefined')
    }
    const err = await runPool('test', { module: '', ids: ['s02', 's01', 's03'], options: {} }, work).catch((e: Error) => e)
    expect(err).toBeInstanceOf(Error)
    expect(err).not.toBeInstanceOf(UserError)
    const text = describeFailure(err)
    expect(text.indexOf('TypeError: cannot read x of undefined')).toBeGreaterThan(-1)
    expect(text).toMatch(/TypeError: cannot read x of undefined\n\s+at /)
    expect(text.indexOf('TypeError')).toBeLessThan(text.indexOf('raw/s02/source.json:3 /title'))
  })

  it('is a user error, without stacks, when every failure is bad input', async () => {
    const work = (id: string) => {
      throw new DataError(`raw/${id}/source.json`, [{ pointer: '', line: null, message: 'file not found' }])
    }
    const err = await runPool('test', { module: '', ids: ['b', 'a'], options: {} }, work).catch((e: Error) => e)
    expect(err).toBeInstanceOf(UserError)
    expect(describeFailure(err)).toBe('raw/a/source.json (document)\n  file not found\nraw/b/source.json (document)\n  file not found')
  })

  it('runs every source in worker processes and keeps a worker’s program error with its stack', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-pool-'))
    const module = path.join(dir, 'stage.ts')
    fs.writeFileSync(
      module,
      "import fs from 'node:fs'\nimport path from 'node:path'\nexport function processSource(id: string, o: { out: string }) {\n  if (id === 's13') throw new RangeError('boom in ' + id)\n  fs.writeFileSync(path.join(o.out, id), id)\n}\n",
    )
    process.env.FENGKOU_WORKERS = '2'
    try {
      const err = await runPool('test', { module: new URL(`file://${module}`).href, ids, options: { out: dir } }, () => {}).catch((e: Error) => e)
      expect(describeFailure(err)).toMatch(/^RangeError: boom in s13\n\s+at /)
    } finally {
      delete process.env.FENGKOU_WORKERS
    }
    expect(fs.readdirSync(dir).filter((f) => /^s\d\d$/.test(f)).length).toBe(ids.length - 1)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('does a large source of a small job in a process of its own, and the others in this one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-pool-'))
    const module = path.join(dir, 'stage.ts')
    const body = 'export function processSource(id: string, o: { out: string }) {\n  fs.writeFileSync(path.join(o.out, id), String(process.pid))\n}\n'
    fs.writeFileSync(module, `import fs from 'node:fs'\nimport path from 'node:path'\n${body}`)
    const inThisProcess = (id: string, o: { out: string }) => fs.writeFileSync(path.join(o.out, id), String(process.pid))
    const sizes: Record<string, number> = { small: 10, large: OWN_PROCESS_BYTES, 'just-under': OWN_PROCESS_BYTES - 1 }
    await runPool('test', { module: new URL(`file://${module}`).href, ids: Object.keys(sizes), options: { out: dir }, bytes: (id) => sizes[id] }, inThisProcess)
    const pid = (id: string) => Number(fs.readFileSync(path.join(dir, id), 'utf8'))
    expect(pid('small')).toBe(process.pid)
    expect(pid('just-under')).toBe(process.pid)
    expect(pid('large')).not.toBe(process.pid)
    expect(pid('large')).toBeGreaterThan(0)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('reports the failure of a large source done in its own process like any other', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-pool-'))
    const module = path.join(dir, 'stage.ts')
    fs.writeFileSync(module, "export function processSource(id: string) {\n  throw new RangeError('too dense: ' + id)\n}\n")
    const err = await runPool(
      'test',
      { module: new URL(`file://${module}`).href, ids: ['large'], options: {}, bytes: () => OWN_PROCESS_BYTES },
      () => {},
    ).catch((e: Error) => e)
    expect(describeFailure(err)).toMatch(/^RangeError: too dense: large\n\s+at /)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
