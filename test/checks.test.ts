import fs from 'node:fs'
import path from 'node:path'
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMergedTables, runChecks } from '../pipeline/05-model.ts'
import { openDuckDB } from '../pipeline/store/duckdb.ts'
import { build, REAL_RAW, tempDir } from './helpers/build.ts'

let db: { instance: DuckDBInstance; con: DuckDBConnection }

beforeAll(async () => {
  const out = tempDir('checks')
  await build(REAL_RAW, out)
  const copy = path.join(tempDir('checks-db'), 'model.duckdb')
  fs.copyFileSync(path.join(out, 'build', '05-model', 'dataset.duckdb'), copy)
  db = await openDuckDB(copy)
  await buildMergedTables(db.con)
})

afterAll(() => {
  db.con.closeSync()
  db.instance.closeSync()
})

/** Breaks the model in a transaction, runs every check, rolls back. */
async function failuresAfter(...statements: string[]): Promise<string[]> {
  await db.con.run('BEGIN TRANSACTION')
  try {
    for (const sql of statements) await db.con.run(sql)
    return await runChecks(db.con)
  } finally {
    await db.con.run('ROLLBACK')
  }
}

describe('the data checks', () => {
  it('pass on the built model', async () => {
    expect(await runChecks(db.con)).toEqual([])
  })

  it.each([
    ['records_have_evidence', "DELETE FROM evidence WHERE record_table = 'metrics'"],
    ['evidence_quotes_match_source', "UPDATE evidence SET quote = quote || '!' WHERE record_id = 'microsoft-openai-2019'"],
    ['evidence_points_to_records', "UPDATE evidence SET record_id = 'no-such-event' WHERE record_id = 'gpt-4-launched'"],
    ['funding_has_a_recipient', "DELETE FROM funders WHERE funding_id = 'microsoft-openai-2019'"],
    [
      'sources_agree_on_events',
      "INSERT INTO staged_events SELECT * REPLACE ('left' AS event_type, 'another-source' AS _source_id) FROM staged_events WHERE event_id = 'gpt-4-launched'",
    ],
    [
      'sources_agree_on_funding',
      "INSERT INTO staged_funding SELECT * REPLACE (2e9 AS amount, 'another-source' AS _source_id) FROM staged_funding WHERE funding_id = 'microsoft-openai-2019'",
    ],
    [
      'sources_agree_on_metrics',
      "INSERT INTO staged_metrics SELECT * REPLACE (1.0 AS value, 'another-source' AS _source_id) FROM staged_metrics WHERE metric_id = 'chatgpt-users-2023-01'",
    ],
    ['mentions_primary_key_unique', 'INSERT INTO mentions SELECT * FROM mentions LIMIT 1'],
    ['funders_entity_id_references_entities', "UPDATE funders SET entity_id = 'nobody' WHERE funding_id = 'microsoft-openai-2019'"],
    ['events_subject_id_references_entities', "UPDATE events SET subject_id = 'nobody' WHERE event_id = 'gpt-4-launched'"],
  ])('%s fails on a model broken for it', async (check, sql) => {
    const failures = await failuresAfter(sql)
    expect(failures.some((f) => f.startsWith(`check ${check} failed`))).toBe(true)
  })
})
