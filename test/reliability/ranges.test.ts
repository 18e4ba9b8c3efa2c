/** Issue 13, case 4: an override may not produce a range the normalizers never would (date_start after date_end, low above high). */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildTables, runChecks } from '../../pipeline/05-model.ts'
import { openDuckDB } from '../../pipeline/store/duckdb.ts'
import { build, copyRaw, tempDir } from '../helpers/build.ts'

const SEED = '000_2e1e9aed17e7acf1'

describe('inverted ranges', () => {
  it('stop the build at the override that inverts a date range, naming the annotation file, line and pointer', async () => {
    const raw = copyRaw()
    const file = path.join(raw, SEED, 'annotations.yaml')
    const text = fs.readFileSync(file, 'utf8')
    const anchor = '      quote: 而非盈利组织OpenAI也就是在2015年诞生的\n'
    if (!text.includes(anchor)) throw new Error(`test setup: anchor not in ${file}`)
    const edited = text.replace(
      anchor,
      `${anchor}    overrides:\n      - { field: date_end, value: "1900-01-01", reason: "a bound typed the wrong way round" }\n`,
    )
    fs.writeFileSync(file, edited)
    const line = edited.split('\n').findIndex((l) => l.includes('1900-01-01')) + 1
    await expect(build(raw, tempDir('out'))).rejects.toThrow(
      new RegExp(
        `annotations\\.yaml:${line} /funding/0/overrides/0/value\\n  date_start 2015-01-01 is after date_end 1900-01-01 \\(expected date_start <= date_end`,
      ),
    )
  })

  it('are found by the SQL check records_have_ordered_ranges in the model, for dates and amounts', async () => {
    const out = tempDir('out')
    await build(copyRaw(), out)
    const copy = path.join(tempDir('db'), 'model.duckdb')
    fs.copyFileSync(path.join(out, 'build', '05-model', 'dataset.duckdb'), copy)
    const { instance, con } = await openDuckDB(copy)
    try {
      await buildTables(con, null)
      expect(await runChecks(con)).toEqual([])
      await con.run("UPDATE funding SET date_end = DATE '1900-01-01' WHERE funding_id = 'openai-founding-commitment-2015'")
      await con.run("UPDATE metrics SET value_low = value * 2 WHERE metric_id = 'chatgpt-users-2023-01'")
      const failures = await runChecks(con)
      expect(failures).toHaveLength(1)
      expect(failures[0]).toMatch(/^check records_have_ordered_ranges failed for 2 row\(s\)/)
      expect(failures[0]).toContain('"record_id":"openai-founding-commitment-2015"')
      expect(failures[0]).toContain('"record_id":"chatgpt-users-2023-01"')
    } finally {
      con.closeSync()
      instance.closeSync()
    }
  })
})
