import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { memoryLimit, openDuckDB, rows } from '../../pipeline/store/duckdb.ts'

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('the memory limit', () => {
  it('is 512MB unless FENGKOU_DUCKDB_MEMORY says otherwise', () => {
    expect(memoryLimit(undefined)).toBe('512MB')
  })

  it.each(['2GB', '1.5GiB', '768 MB', '64kb'])('takes %s', (value) => {
    expect(memoryLimit(value)).toBe(value)
  })

  it.each(['', '80%', 'lots', '-1', "1GB'; DROP TABLE events; --"])('refuses %j, naming the variable and what it takes', (value) => {
    expect(() => memoryLimit(value)).toThrow(`FENGKOU_DUCKDB_MEMORY: found ${JSON.stringify(value)}, expected an amount of memory such as 512MB, 2GB or 1.5GiB`)
  })

  it('is what DuckDB is opened with, passed as a parameter', async () => {
    vi.stubEnv('FENGKOU_DUCKDB_MEMORY', '300MB')
    const { instance, con } = await openDuckDB()
    try {
      expect(await rows(con, "SELECT current_setting('memory_limit') AS limit")).toEqual([{ limit: '286.1 MiB' }])
    } finally {
      con.closeSync()
      instance.closeSync()
    }
  })

  it('stops DuckDB from opening when the variable is not an amount', async () => {
    vi.stubEnv('FENGKOU_DUCKDB_MEMORY', 'half')
    await expect(openDuckDB()).rejects.toThrow(/^FENGKOU_DUCKDB_MEMORY: found "half"/)
  })
})

describe('the folder DuckDB spills to', () => {
  /** Opens DuckDB in a new process and prints the folder it spills to, and whether it exists. */
  const spillFolderOfAChild = () => {
    const script = `import { openDuckDB, rows } from ${JSON.stringify(new URL('../../pipeline/store/duckdb.ts', import.meta.url).pathname)}
const { instance, con } = await openDuckDB()
const [r] = await rows(con, "SELECT current_setting('temp_directory') AS dir")
const fs = await import('node:fs')
console.log(JSON.stringify({ dir: r.dir, exists: fs.existsSync(String(r.dir)) }))
con.closeSync(); instance.closeSync()`
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
    return JSON.parse(out.trim().split('\n').pop() as string) as { dir: string; exists: boolean }
  }

  it('is one per process (two builds at once never share spill files), made when DuckDB opens and removed when the process exits', () => {
    const [a, b] = [spillFolderOfAChild(), spillFolderOfAChild()]
    expect(a.exists).toBe(true)
    expect(b.exists).toBe(true)
    expect(a.dir).not.toBe(b.dir)
    expect(path.basename(a.dir)).toMatch(/^fengkou-duckdb-/)
    expect(fs.existsSync(a.dir)).toBe(false)
    expect(fs.existsSync(b.dir)).toBe(false)
  })

  it('is the same for every database a process opens', async () => {
    const dirs: unknown[] = []
    for (let i = 0; i < 2; i++) {
      const { instance, con } = await openDuckDB()
      dirs.push((await rows(con, "SELECT current_setting('temp_directory') AS dir"))[0].dir)
      con.closeSync()
      instance.closeSync()
    }
    expect(dirs[0]).toBe(dirs[1])
  })
})
