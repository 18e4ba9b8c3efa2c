import fs from 'node:fs'
import path from 'node:path'
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTables, checkColumns, checks, runChecks, main as runModel } from '../pipeline/05-model.ts'
import { generate } from '../pipeline/bench/generate-corpus.ts'
import { openDuckDB } from '../pipeline/store/duckdb.ts'
import { manifestFile, readManifest } from '../pipeline/store/manifest.ts'
import { build, quietly, REAL_RAW, tempDir } from './helpers/build.ts'
import { checkReport, edited, failedChecks, fromNothing, type Line } from './helpers/checks.ts'

let db: { instance: DuckDBInstance; con: DuckDBConnection }

beforeAll(async () => {
  const out = tempDir('checks')
  await build(REAL_RAW, out)
  const copy = path.join(tempDir('checks-db'), 'model.duckdb')
  fs.copyFileSync(path.join(out, 'build', '05-model', 'dataset.duckdb'), copy)
  db = await openDuckDB(copy)
  // the staging tables and source texts are TEMP: build them again in this connection
  await buildTables(db.con, null)
})

afterAll(() => {
  db.con.closeSync()
  db.instance.closeSync()
})

/** Runs the statements in a transaction, then whatever else is asked, then rolls back. */
async function inTransaction<T>(statements: string[], then: () => Promise<T>): Promise<T> {
  await db.con.run('BEGIN TRANSACTION')
  try {
    for (const sql of statements) await db.con.run(sql)
    return await then()
  } finally {
    await db.con.run('ROLLBACK')
  }
}

/** The names of the checks that fail once the statements have broken the model. */
async function failingAfter(statements: string[]): Promise<string[]> {
  const failures = await inTransaction(statements, () => runChecks(db.con))
  return failures.map((f) => /^check (\S+) failed/.exec(f)?.[1] ?? f)
}

/** The first row of a table, whichever it is: for breaking one row where any row will do. */
const firstRow = (table: string) => `rowid = (SELECT min(rowid) FROM ${table})`

/** For each check, statements that break the model for that check alone. */
const BREAKS: Record<string, string[]> = {
  sources_duplicate_primary_keys: ['INSERT INTO sources SELECT * FROM sources LIMIT 1'],
  entities_duplicate_primary_keys: ['INSERT INTO entities SELECT * FROM entities LIMIT 1'],
  events_duplicate_primary_keys: ['INSERT INTO events SELECT * FROM events LIMIT 1'],
  event_participants_duplicate_primary_keys: ['INSERT INTO event_participants SELECT * FROM event_participants LIMIT 1'],
  funding_duplicate_primary_keys: ['INSERT INTO funding SELECT * FROM funding LIMIT 1'],
  funders_duplicate_primary_keys: ['INSERT INTO funders SELECT * FROM funders LIMIT 1'],
  metrics_duplicate_primary_keys: ['INSERT INTO metrics SELECT * FROM metrics LIMIT 1'],
  evidence_duplicate_primary_keys: ['INSERT INTO evidence SELECT * FROM evidence LIMIT 1'],
  mentions_duplicate_primary_keys: ['INSERT INTO mentions SELECT * FROM mentions LIMIT 1'],
  event_participants_event_id_not_in_events: [`UPDATE event_participants SET event_id = 'no-such-event' WHERE ${firstRow('event_participants')}`],
  event_participants_entity_id_not_in_entities: [`UPDATE event_participants SET entity_id = 'nobody' WHERE ${firstRow('event_participants')}`],
  events_subject_id_not_in_entities: ["UPDATE events SET subject_id = 'nobody' WHERE event_id = 'gpt-4-launched'"],
  events_attributed_to_not_in_entities: ["UPDATE events SET attributed_to = 'nobody' WHERE event_id = 'gpt-4-launched'"],
  // the quote check looks the source's text up by source_id: give the unknown source the same text
  evidence_source_id_not_in_sources: [
    `UPDATE evidence SET source_id = 'no-such-source' WHERE ${firstRow('evidence')}`,
    "INSERT INTO source_texts SELECT * REPLACE ('no-such-source' AS source_id) FROM source_texts",
  ],
  funders_funding_id_not_in_funding: ["INSERT INTO funders SELECT * REPLACE ('no-such-funding' AS funding_id) FROM funders LIMIT 1"],
  funders_entity_id_not_in_entities: ["UPDATE funders SET entity_id = 'nobody' WHERE funding_id = 'microsoft-openai-2019'"],
  funding_event_id_not_in_events: ["UPDATE funding SET event_id = 'no-such-event' WHERE funding_id = 'microsoft-openai-2019'"],
  funding_recipient_id_not_in_entities: ["UPDATE funding SET recipient_id = 'nobody' WHERE funding_id = 'microsoft-openai-2019'"],
  funding_attributed_to_not_in_entities: ["UPDATE funding SET attributed_to = 'nobody' WHERE funding_id = 'microsoft-openai-2019'"],
  mentions_source_id_not_in_sources: [`UPDATE mentions SET source_id = 'no-such-source' WHERE ${firstRow('mentions')}`],
  mentions_entity_id_not_in_entities: [`UPDATE mentions SET entity_id = 'nobody' WHERE ${firstRow('mentions')}`],
  metrics_subject_id_not_in_entities: ["UPDATE metrics SET subject_id = 'nobody' WHERE metric_id = 'chatgpt-users-2023-01'"],
  metrics_attributed_to_not_in_entities: ["UPDATE metrics SET attributed_to = 'nobody' WHERE metric_id = 'chatgpt-users-2023-01'"],
  metrics_event_id_not_in_events: ["UPDATE metrics SET event_id = 'no-such-event' WHERE metric_id = 'chatgpt-users-2023-01'"],
  records_without_evidence: ["DELETE FROM evidence WHERE record_table = 'metrics'"],
  evidence_quotes_not_in_source: ["UPDATE evidence SET quote = quote || '!' WHERE record_id = 'microsoft-openai-2019'"],
  // a new evidence row, so that the event it was copied from keeps its own
  evidence_for_missing_records: [
    "INSERT INTO evidence SELECT * REPLACE ('orphan-evidence' AS evidence_id, 'no-such-event' AS record_id) FROM evidence WHERE record_table = 'events' LIMIT 1",
  ],
  funding_without_funders: ["DELETE FROM funders WHERE funding_id = 'microsoft-openai-2019'"],
  numbers_beyond_four_decimal_places: ["UPDATE staged_all SET amount = 1000000000.00005 WHERE _table = 'funding' AND funding_id = 'microsoft-openai-2019'"],
  funding_usd_not_its_amount: ["UPDATE funding SET amount_usd = NULL WHERE funding_id = 'microsoft-openai-2019'"],
  records_have_ordered_ranges: ["UPDATE funding SET date_end = DATE '1900-01-01' WHERE funding_id = 'openai-founding-commitment-2015'"],
  events_reported_differently: [
    "INSERT INTO staged_events SELECT * REPLACE ('left' AS event_type, 'another-source' AS _source_id) FROM staged_events WHERE event_id = 'gpt-4-launched'",
  ],
  funding_reported_differently: [
    "INSERT INTO staged_funding SELECT * REPLACE (2e9 AS amount, 'another-source' AS _source_id) FROM staged_funding WHERE funding_id = 'microsoft-openai-2019'",
  ],
  metrics_reported_differently: [
    "INSERT INTO staged_metrics SELECT * REPLACE (1.0 AS value, 'another-source' AS _source_id) FROM staged_metrics WHERE metric_id = 'chatgpt-users-2023-01'",
  ],
}

describe('the data checks', () => {
  it('pass on the built model', async () => {
    expect(await runChecks(db.con)).toEqual([])
  })

  it('each have a way to break the model for them, and no way is left for a check that is gone', () => {
    expect(Object.keys(BREAKS).sort()).toEqual(
      checks()
        .map((c) => c.name)
        .sort(),
    )
  })

  it.each(Object.entries(BREAKS))('%s fails, and no other check, on a model broken for it', async (check, statements) => {
    expect(await failingAfter(statements)).toEqual([check])
  })

  it('report the offending rows', async () => {
    const [failure] = await inTransaction(["DELETE FROM funders WHERE funding_id = 'microsoft-openai-2019'"], () => runChecks(db.con))
    expect(failure).toBe('check funding_without_funders failed for 1 row(s):\n  {"record_id":"microsoft-openai-2019"}')
  })
})

describe('the columns of each table', () => {
  it('are those of its schema, in order, once built from its SQL file', async () => {
    await expect(checkColumns(db.con)).resolves.toBeUndefined()
  })

  it('are refused when a model leaves a column out, naming the model and the schema', async () => {
    await inTransaction(['CREATE OR REPLACE TABLE metrics AS SELECT * EXCLUDE (notes) FROM metrics'], async () => {
      await expect(checkColumns(db.con)).rejects.toThrow(
        /^pipeline\/sql\/metrics\.sql: builds the columns \(metric_id VARCHAR, .*event_id VARCHAR, review_status VARCHAR\), but schemas\/tables\/metrics\.schema\.json has \(metric_id VARCHAR, .*event_id VARCHAR, notes VARCHAR, review_status VARCHAR\)$/,
      )
    })
  })

  it('are refused when a model gives a column another type', async () => {
    await inTransaction(['CREATE OR REPLACE TABLE metrics AS SELECT * REPLACE (value::VARCHAR AS value) FROM metrics'], async () => {
      await expect(checkColumns(db.con)).rejects.toThrow(/builds the columns \(.*value VARCHAR.*\), but .* has \(.*value DECIMAL\(38,4\)/)
    })
  })
})

/** The first funding record's line of a source, and its id. */
const firstFunding = (lines: Line[]) => {
  const i = lines.findIndex((l) => l._table === 'funding')
  return { i, id: lines[i].funding_id }
}

/**
 * For each check that reads only some rows in an incremental build (the rows of the sources it loads, the merged rows
 * it computes again, the evidence of either: 05-model.ts scopeChecks), a way to break one record of a changed source for
 * it alone; a check broken in more than one way has each named after it, in brackets.
 */
const BREAKS_IN_A_CHANGED_SOURCE: Record<string, (lines: Line[], other: Line[]) => Line[]> = {
  evidence_quotes_not_in_source: (lines) => {
    const i = lines.findIndex((l) => l._table === 'evidence')
    return lines.map((l, j) => (j === i ? edited(l, { quote: `${l.quote}!` }) : l))
  },
  numbers_beyond_four_decimal_places: (lines) => {
    const i = lines.findIndex((l) => l._table === 'funding' && typeof l.amount === 'number')
    return lines.map((l, j) => (j === i ? edited(l, { amount: 1000000000.00005 }) : l))
  },
  records_have_ordered_ranges: (lines) => {
    const i = lines.findIndex((l) => l._table === 'mentions')
    return lines.map((l, j) => (j === i ? edited(l, { date_start: '2024-05-02', date_end: '2024-05-01' }) : l))
  },
  // the merged row the model computes again from it
  'records_have_ordered_ranges (a flow)': (lines) => {
    const { i } = firstFunding(lines)
    return lines.map((l, j) => (j === i ? edited(l, { date_start: '2024-05-02', date_end: '2024-05-01' }) : l))
  },
  funding_without_funders: (lines) => {
    const { i, id } = firstFunding(lines)
    return lines.flatMap((l, j) => (j === i ? [edited(l, { funders_complete: true })] : l._table === 'funders' && l.funding_id === id ? [] : [l]))
  },
  records_without_evidence: (lines) => {
    const { id } = firstFunding(lines)
    return lines.filter((l) => !(l._table === 'evidence' && l.record_table === 'funding' && l.record_id === id))
  },
  evidence_for_missing_records: (lines) => {
    const own = lines.find((l) => l._table === 'evidence') as Line
    return [...lines, edited(own, { evidence_id: 'orphan-evidence', record_id: 'no-such-record' })]
  },
  // the id of another source's mention, in this source: the two rows are in different sources
  mentions_duplicate_primary_keys: (lines, other) => {
    const taken = other.find((l) => l._table === 'mentions') as Line
    const own = lines.find((l) => l._table === 'mentions') as Line
    return [...lines, edited(own, { mention_id: taken.mention_id })]
  },
}

describe('the data checks in an incremental build', () => {
  let validated: string
  let model: string
  beforeAll(async () => {
    const corpus = tempDir('checks-inc')
    generate(3, corpus, 17)
    const out = tempDir('checks-inc-out')
    await build(path.join(corpus, 'raw'), out)
    validated = path.join(out, 'build', '04-validate')
    model = path.join(out, 'build', '05-model', 'dataset.duckdb')
  }, 120_000)

  it.each(Object.entries(BREAKS_IN_A_CHANGED_SOURCE))(
    '%s fails, and no other check, when the bad row comes with the one source that changed',
    async (name, edit) => {
      const [check] = name.split(' ')
      const input = tempDir('checks-inc-input')
      fs.cpSync(validated, input, { recursive: true })
      const read = (id: string) =>
        fs
          .readFileSync(path.join(input, 'sources', `${id}.jsonl`), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Line)
      const changed = edit(read('bench-000002'), read('bench-000001'))
      fs.writeFileSync(path.join(input, 'sources', 'bench-000002.jsonl'), changed.map((l) => `${JSON.stringify(l)}\n`).join(''))
      const keys = readManifest(input)
      fs.writeFileSync(manifestFile(input), JSON.stringify({ ...keys, 'bench-000002': `${keys['bench-000002']}-edited` }, null, 1))
      const out = path.join(tempDir('checks-inc-model'), 'dataset.duckdb')
      fs.copyFileSync(model, out)
      const failure = await quietly(() => runModel({ input, out })).then(
        () => '',
        (err: Error) => err.message,
      )
      // the model was updated in place (it re-matched the changed source's blocks), and only this check failed
      expect(failure).toMatch(/re-matched \d+ funding and \d+ event id\(s\) across sources/)
      expect(failedChecks(failure)).toEqual([check])
      // as it fails in a build from nothing over the same records, with the same rows
      expect(await fromNothing(input)).toBe(checkReport(failure))
    },
  )

  it('fail for a merged row computed again from a source kept, when the source that left took what it needed', async () => {
    const input = tempDir('checks-inc-shared')
    fs.cpSync(validated, input, { recursive: true })
    const file = (id: string) => path.join(input, 'sources', `${id}.jsonl`)
    const read = (id: string) =>
      fs
        .readFileSync(file(id), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Line)
    // bench-000002 reports bench-000001's first flow too (its funders, no evidence and no event): one merged row, with
    // bench-000001's evidence
    const one = read('bench-000001')
    const { i, id } = firstFunding(one)
    const copy = [edited(one[i], { event_id: null }), ...one.filter((l) => l._table === 'funders' && l.funding_id === id)].map((l) =>
      edited(l, { _source_id: 'bench-000002' }),
    )
    fs.writeFileSync(file('bench-000002'), [...read('bench-000002'), ...copy].map((l) => `${JSON.stringify(l)}\n`).join(''))
    const out = path.join(tempDir('checks-inc-shared-model'), 'dataset.duckdb')
    await quietly(() => runModel({ input, out }))
    // bench-000001 leaves: the row is computed again from bench-000002's report alone, and it has no evidence
    const keys: Record<string, string> = { ...readManifest(input) }
    delete keys['bench-000001']
    fs.writeFileSync(manifestFile(input), JSON.stringify(keys, null, 1))
    const failure = await quietly(() => runModel({ input, out })).then(
      () => '',
      (err: Error) => err.message,
    )
    expect(failure).toMatch(/re-matched \d+ funding and \d+ event id\(s\) across sources/)
    expect(failedChecks(failure)).toEqual(['records_without_evidence'])
    expect(await fromNothing(input)).toBe(checkReport(failure))
  })
})
