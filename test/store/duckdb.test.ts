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
