/**
 * The model stage's side of cross-source matching: reads the staged records (records_<table>, TEMP views
 * that 05-model makes of every source's records, with the merged entity ids of entity_map), runs the pure
 * matcher (match-records.ts), and stages the records so that the table models (pipeline/sql/<table>.sql)
 * group one real entity, flow or event under one id:
 *   - entity ids merged into another are replaced everywhere they are referenced;
 *   - staged_<table> (TEMP) holds the records with their cluster's funding and event ids, and the ranks
 *     the models pick values by (_rank, _amount_rank, _date_rank, _status_rank; null: its values are not used);
 *   - entity_names (TEMP) and merge_notes give the models the merged names and the notes;
 *   - merge_conflicts lists every disagreement for the build report;
 *   - merge_records keeps every record's block, cluster and ranks, so that the next build re-matches
 *     only the blocks a changed or removed source's records are or were in (mergeAcrossSources);
 *   - merge_scope (TEMP) lists, in such a build, the merged ids whose rows the models compute again: the
 *     clusters re-matched, before and after, and what names a re-matched event. staged_<table> then holds
 *     only their records, and every other row of the merged tables stays as the previous build left it.
 * merge_notes, merge_conflicts, merge_records and merge_entity_names are kept in the model between builds.
 * The per-source tables (mentions, evidence) keep their rows between builds, so their ids are
 * re-derived after the models ran (remapPerSource) from the staged originals, for every id whose merged id
 * changed since the previous build and the rows of the sources loaded now: incremental and full builds stay identical.
 */
import { type DuckDBConnection, LIST, listValue, VARCHAR } from '@duckdb/node-api'
import { ident, readRows, rows, tableOf } from '../store/duckdb.ts'
import { sha256 } from '../store/files.ts'
import { collect } from '../store/memory.ts'
import {
  type EntityMatch,
  type EntityRow,
  type EventRecord,
  eventBlocks,
  type FundingRecord,
  fundingBlocks,
  KEEP_RULE,
  type MatchResult,
  matchEntities,
  matchEvents,
  matchFunding,
  type RankedRecord,
  type SourceInfo,
} from './match-records.ts'

const str = (v: unknown) => (v === null || v === undefined ? null : String(v))
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
/** The key of one source's record: records of different sources may share an id. */
const recordKey = (source: unknown, id: unknown) => `${source}\u0000${id}`

/** Rows grouped by their source's record (`_source_id` and the `id` column), in row order. */
function bySourceRecord<T>(list: Record<string, unknown>[], id: string, value: (r: Record<string, unknown>) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const r of list) {
    const k = recordKey(r._source_id, r[id])
    const group = groups.get(k)
    if (group) group.push(value(r))
    else groups.set(k, [value(r)])
  }
  return groups
}

/** The sources that changed (their records replaced) and those removed since the model was built; null: build from nothing. */
export interface Changes {
  changed: string[]
  removed: string[]
}

export interface MergeSummary {
  entities: number
  funding: number
  events: number
  conflicts: number
  /** the funding and event ids matched again (null: all of them, a full match) */
  rematched: { funding: number; events: number } | null
  /** the batches of a full match (funding and events together; 0 for an incremental one) */
  batches: number
}

/** The tables the matcher keeps between builds: what it matched last time, so the next build re-matches only what a change touches. */
const KEPT = {
  merge_records: `record_table VARCHAR NOT NULL, source_id VARCHAR NOT NULL, record_id VARCHAR NOT NULL, block VARCHAR NOT NULL, to_id VARCHAR NOT NULL,
    _rank INTEGER, _amount_rank INTEGER, _date_rank INTEGER, _status_rank INTEGER, event_id VARCHAR`,
  merge_notes: 'record_table VARCHAR NOT NULL, record_id VARCHAR NOT NULL, note VARCHAR, funder_names VARCHAR',
  merge_conflicts: 'source_id VARCHAR, record_table VARCHAR, record_id VARCHAR, reasons VARCHAR',
  // the name a merged flow's funder_names gives each entity
  merge_entity_names: 'entity_id VARCHAR NOT NULL, name_en VARCHAR',
}

/** A list of ids bound as $ids, and a record table's name as $t. */
const ids = (list: string[], table?: string) => ({
  values: { ids: listValue(list), ...(table ? { t: table } : {}) },
  types: { ids: LIST(VARCHAR), ...(table ? { t: VARCHAR } : {}) },
})
/** Rows of a query over a list of ids ($ids) and a record table ($t). */
async function rowsFor(con: DuckDBConnection, sql: string, list: string[], table?: string): Promise<Record<string, unknown>[]> {
  const { values, types } = ids(list, table)
  return readRows(con, sql, values, types)
}
const runFor = async (con: DuckDBConnection, sql: string, list: string[], table?: string) => {
  const { values, types } = ids(list, table)
  await con.run(sql, values as never, types as never)
}
const column = (list: Record<string, unknown>[], name: string) => list.map((r) => String(r[name]))
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort()

/**
 * Matches the records across sources and rewrites the staged records (see the header). `changes`
 * null: everything is matched anew. Otherwise only the funding and event ids whose block (the
 * candidates the matcher compares them with) holds a record of a changed or removed source, now or
 * in the previous build, are matched again; every other id keeps the cluster, ranks, note and
 * conflicts merge_records, merge_notes and merge_conflicts kept from the previous build. Clusters
 * never span blocks, and an id outside those blocks has the same records, the same block and the
 * same candidates as before, so its result is the one a full match gives.
 * Falls back to a full match when the entity map changed (an entity joins or leaves a merge): entity
 * ids are the blocks' keys and the funders compared, in every source. An entity whose English name
 * changed touches the flows it funds (their funder_names). The entity match itself is always
 * computed in full (over the entity rows, one per source that names an entity, not the records).
 */
export async function mergeAcrossSources(con: DuckDBConnection, changes: Changes | null = null): Promise<MergeSummary> {
  const entities = await matchAllEntities(con)
  const fingerprint = sha256(JSON.stringify([...entities.map].sort()))
  const previous = changes ? await rows(con, "SELECT value FROM model_meta WHERE key = 'entity_match'") : []
  const scoped = changes !== null && previous[0]?.value === fingerprint && (await tablesKept(con))
  if (!scoped) for (const [name, cols] of Object.entries(KEPT)) await con.run(`CREATE OR REPLACE TABLE ${ident(name)} (${cols})`)
  await con.run('CREATE TABLE IF NOT EXISTS model_meta (key VARCHAR PRIMARY KEY, value VARCHAR)')
  await con.run("INSERT OR REPLACE INTO model_meta VALUES ('entity_match', $v)", { v: fingerprint } as never)
  const gone = scoped ? [...changes.changed, ...changes.removed] : []
  const renamed = column(
    await rows(
      con,
      `SELECT entity_id FROM ((SELECT entity_id, name_en FROM entity_names EXCEPT SELECT * FROM merge_entity_names)
       UNION ALL (SELECT * FROM merge_entity_names EXCEPT SELECT entity_id, name_en FROM entity_names))`,
    ),
    'entity_id',
  )
  await con.run('DELETE FROM merge_entity_names')
  await con.run('INSERT INTO merge_entity_names SELECT entity_id, name_en FROM entity_names')

  // the record ids an incremental match matches again: only their entries of the record map can change
  await con.run('CREATE OR REPLACE TEMP TABLE merge_rematched (record_table VARCHAR NOT NULL, record_id VARCHAR NOT NULL)')
  const rematched = scoped ? await matchTouched(con, changes, gone, renamed, entities) : null
  const batches = scoped ? 0 : await matchAll(con, entities)
  // the records matched are garbage now: free them before the staged records are copied with their ranks
  collect()

  await con.run(`CREATE OR REPLACE TEMP VIEW record_map AS
    SELECT record_table, source_id, record_id AS from_id, to_id, _rank, _amount_rank, _date_rank, _status_rank FROM merge_records`)
  await rankAndRemap(con, rematched !== null)
  const count = async (sql: string) => Number((await rows(con, sql))[0].n)
  return {
    entities: entities.map.size,
    funding: await count("SELECT count(*)::INTEGER AS n FROM merge_notes WHERE record_table = 'funding'"),
    events: await count("SELECT count(*)::INTEGER AS n FROM merge_notes WHERE record_table = 'events'"),
    conflicts: await count('SELECT count(*)::INTEGER AS n FROM merge_conflicts'),
    rematched,
    batches,
  }
}

/**
 * Ids per batch of a full match: a batch's records are held at once, not every record (a dense 10 MB
 * article has 96,000 records, 30,000 articles 170,000 ids). FENGKOU_MATCH_BATCH sets it (the tests
 * match a few ids at a time, to see that batches change nothing).
 */
export function matchBatch(value = process.env.FENGKOU_MATCH_BATCH): number {
  if (value === undefined) return 25_000
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`FENGKOU_MATCH_BATCH: found ${JSON.stringify(value)}, expected a whole number of ids, 1 or more`)
  return Number(value)
}

/**
 * A full match, a batch of whole blocks at a time: clusters never span blocks, so each batch is
 * matched as the whole would be, and the memory held is a batch's records, not every record's. The
 * funding first, then the events, whose blocks follow the funding's clusters (fundingLinks reads
 * them back from merge_records, as an incremental build does).
 */
async function matchAll(con: DuckDBConnection, entities: EntityMatch): Promise<number> {
  let batches = 0
  for await (const batch of blockBatches(con, 'funding', async (list) => fundingBlocks(await readFunding(con, list)))) {
    await matchFundingIds(con, batch, entities, false)
    batches++
  }
  const eventBlocksOf = async (list: string[]) => {
    const links = await fundingLinks(con, list)
    return eventBlocks(await readEvents(con, list), links.records, links.match)
  }
  for await (const batch of blockBatches(con, 'events', eventBlocksOf)) {
    await matchEventIds(con, batch, entities, false)
    batches++
  }
  return batches
}

/** Matches the funding records of `ids` (whole blocks) and records the result; `previous`: replace what the last build kept for them. */
async function matchFundingIds(con: DuckDBConnection, ids: string[], entities: EntityMatch, previous: boolean): Promise<FundingRecord[]> {
  const records = await readFunding(con, ids)
  const result = matchFunding(
    records,
    await readSources(
      con,
      records.map((r) => r.source_id),
    ),
  )
  await replaceMatches(con, 'funding', ids, records, result, entities, previous)
  return records
}

/** Matches the event records of `ids` (whole blocks), with the clusters of the funding that names them, and records the result. */
async function matchEventIds(con: DuckDBConnection, ids: string[], entities: EntityMatch, previous: boolean): Promise<void> {
  const records = await readEvents(con, ids)
  const links = await fundingLinks(con, ids)
  const result = matchEvents(
    records,
    await readSources(
      con,
      records.map((r) => r.source_id),
    ),
    links.records,
    links.match,
  )
  await replaceMatches(con, 'events', ids, records, result, entities, previous)
}

/**
 * Every id of records_<table>, in batches of whole blocks: a block goes to the batch its first id
 * falls in when the ids are counted in block order, matchBatch() a batch, so a batch holds at most
 * that many ids less one plus its largest block. `blocksOf` gives the blocks of a list of ids as the
 * matcher puts them; it is asked that many ids at a time, and the blocks wait in a TEMP table.
 */
async function* blockBatches(
  con: DuckDBConnection,
  table: 'funding' | 'events',
  blocksOf: (list: string[]) => Promise<Map<string, string>>,
): AsyncGenerator<string[]> {
  const size = matchBatch()
  const key = ident(table === 'funding' ? 'funding_id' : 'event_id')
  const all = column(await rows(con, `SELECT DISTINCT ${key} AS id FROM ${ident(`records_${table}`)} ORDER BY id`), 'id')
  await con.run('CREATE OR REPLACE TEMP TABLE match_blocks (id VARCHAR NOT NULL, block VARCHAR NOT NULL)')
  for (let i = 0; i < all.length; i += size) {
    const list = all.slice(i, i + size)
    const blocks = await blocksOf(list)
    await tableOf(con, 'match_blocks_read', { id: list, block: list.map((id) => blocks.get(id) ?? null) })
    await con.run('INSERT INTO match_blocks SELECT id, block FROM match_blocks_read')
  }
  // a block's batch: the ids of the blocks before it (in block order), by the batch size
  await con.run(
    `CREATE OR REPLACE TEMP TABLE match_batches AS
     SELECT block, (sum(n) OVER (ORDER BY block ROWS UNBOUNDED PRECEDING) - n) // $size AS batch
     FROM (SELECT block, count(*) AS n FROM match_blocks GROUP BY block)`,
    { size } as never,
  )
  const batches = column(await rows(con, 'SELECT DISTINCT batch FROM match_batches ORDER BY batch'), 'batch')
  for (const b of batches)
    yield column(await rows(con, 'SELECT id FROM match_blocks JOIN match_batches USING (block) WHERE batch = $b ORDER BY id', { b: Number(b) }), 'id')
}

/**
 * An incremental match: the funding ids a changed or removed source has or had, or whose funder was
 * renamed, then every id of the blocks those are or were in; then the events they touch, the same way.
 */
async function matchTouched(
  con: DuckDBConnection,
  changes: Changes,
  gone: string[],
  renamed: string[],
  entities: EntityMatch,
): Promise<{ funding: number; events: number }> {
  const touchedFunding = sorted([
    ...column(
      await rowsFor(con, "SELECT record_id FROM merge_records WHERE record_table = 'funding' AND source_id IN (SELECT unnest($ids))", gone),
      'record_id',
    ),
    ...column(await rowsFor(con, 'SELECT funding_id FROM records_funding WHERE _source_id IN (SELECT unnest($ids))', changes.changed), 'funding_id'),
    ...column(await rowsFor(con, 'SELECT funding_id FROM records_funders WHERE entity_id IN (SELECT unnest($ids))', renamed), 'funding_id'),
  ])
  const fundingIds = await inBlocks(con, 'funding', touchedFunding, [...fundingBlocks(await readFunding(con, touchedFunding)).values()])
  // the events their funding names: they follow the funding's cluster, before and after
  const linked = await rowsFor(
    con,
    "SELECT DISTINCT event_id FROM merge_records WHERE record_table = 'funding' AND record_id IN (SELECT unnest($ids)) AND event_id IS NOT NULL",
    fundingIds,
  )
  const fundingRecords = await matchFundingIds(con, fundingIds, entities, true)

  const touched = sorted([
    ...column(
      await rowsFor(con, "SELECT record_id FROM merge_records WHERE record_table = 'events' AND source_id IN (SELECT unnest($ids))", gone),
      'record_id',
    ),
    ...column(await rowsFor(con, 'SELECT event_id FROM records_events WHERE _source_id IN (SELECT unnest($ids))', changes.changed), 'event_id'),
    ...column(linked, 'event_id'),
    ...fundingRecords.flatMap((r) => (r.event_id ? [r.event_id] : [])),
  ])
  const touchedLinks = await fundingLinks(con, touched)
  const eventIds = await inBlocks(con, 'events', touched, [...eventBlocks(await readEvents(con, touched), touchedLinks.records, touchedLinks.match).values()])
  await matchEventIds(con, eventIds, entities, true)
  // the flows and figures that name a re-matched event: their event_id follows its cluster
  await runFor(
    con,
    "INSERT INTO merge_scope SELECT DISTINCT 'funding', to_id FROM merge_records WHERE record_table = 'funding' AND event_id IN (SELECT unnest($ids))",
    eventIds,
  )
  await runFor(con, "INSERT INTO merge_scope SELECT DISTINCT 'metrics', metric_id FROM records_metrics WHERE event_id IN (SELECT unnest($ids))", eventIds)
  return { funding: fundingIds.length, events: eventIds.length }
}

/** Adds merged ids of `table` to merge_scope (TEMP, 05-model makes it): the ids whose rows an incremental build computes again. */
async function addToScope(con: DuckDBConnection, table: 'funding' | 'events', list: string[]): Promise<void> {
  await runFor(con, 'INSERT INTO merge_scope SELECT DISTINCT $t, unnest($ids)', sorted(list), table)
}

async function tablesKept(con: DuckDBConnection): Promise<boolean> {
  const names = Object.keys(KEPT)
  const found = await rowsFor(con, 'SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND table_name IN (SELECT unnest($ids))', names)
  return found.length === names.length
}

/** `touched` and every id of `table` that the previous build put in one of `blocks` (or in a block of a touched id), sorted. */
async function inBlocks(con: DuckDBConnection, table: 'funding' | 'events', touched: string[], blocks: string[]): Promise<string[]> {
  const old = column(
    await rowsFor(con, 'SELECT DISTINCT block FROM merge_records WHERE record_table = $t AND record_id IN (SELECT unnest($ids))', touched, table),
    'block',
  )
  const all = sorted([...blocks, ...old])
  return sorted([
    ...touched,
    ...column(
      await rowsFor(con, 'SELECT DISTINCT record_id FROM merge_records WHERE record_table = $t AND block IN (SELECT unnest($ids))', all, table),
      'record_id',
    ),
  ])
}

/** Every entity row, matched (match-records.ts matchEntities); entity_map, entity_names (TEMP); the entity ids of the staged records rewritten. */
async function matchAllEntities(con: DuckDBConnection) {
  const entityRows: EntityRow[] = (
    await rows(con, 'SELECT entity_id, entity_type, name_en, name_zh, aliases, review_status, _source_id FROM staged_entities ORDER BY entity_id, _source_id')
  ).map((r) => ({
    entity_id: String(r.entity_id),
    entity_type: String(r.entity_type),
    name_en: String(r.name_en),
    name_zh: str(r.name_zh),
    aliases: r.aliases ? String(r.aliases).split('; ') : [],
    review_status: r.review_status as 'reviewed' | 'machine',
    source_id: String(r._source_id ?? ''),
  }))
  const entities = matchEntities(entityRows)
  const from = [...entities.map.keys()].sort()
  await tableOf(con, 'entity_map', { from_id: from, to_id: from.map((k) => entities.map.get(k) as string) })
  const named = [...entities.names.keys()].sort()
  await tableOf(con, 'entity_names', {
    entity_id: named,
    name_en: named.map((k) => entities.names.get(k)?.name_en ?? null),
    name_zh: named.map((k) => entities.names.get(k)?.name_zh ?? null),
    aliases: named.map((k) => (entities.names.get(k)?.aliases.length ? (entities.names.get(k)?.aliases.join('; ') ?? null) : null)),
  })
  // the other tables' records (records_<table>) are views that read entity_map
  await con.run('UPDATE staged_entities SET entity_id = m.to_id FROM entity_map m WHERE staged_entities.entity_id = m.from_id')
  return entities
}

/** The publication dates of the given sources. */
async function readSources(con: DuckDBConnection, list: string[]): Promise<Map<string, SourceInfo>> {
  const sql = "SELECT source_id, published_on::VARCHAR AS published_on FROM staged_all WHERE _table = 'sources'"
  const found = await rowsFor(con, `${sql} AND source_id IN (SELECT unnest($ids))`, sorted(list))
  return new Map(found.map((r) => [String(r.source_id), { published_on: str(r.published_on) }]))
}

/** Every record of the given funding ids, in the order of their ids and sources, with their funders in each record's order. */
async function readFunding(con: DuckDBConnection, only: string[]): Promise<FundingRecord[]> {
  const where = ' WHERE funding_id IN (SELECT unnest($ids))'
  const read = (sql: string) => rowsFor(con, sql, only)
  const funders = bySourceRecord(await read(`SELECT funding_id, entity_id, _source_id FROM records_funders${where}`), 'funding_id', (r) => String(r.entity_id))
  return (
    await read(
      `SELECT funding_id, _source_id, review_status, recipient_id, funding_type, round, status, amount, currency, amount_qualifier, amount_low, amount_high,
              date_start::VARCHAR AS date_start, date_end::VARCHAR AS date_end, date_precision, event_id FROM records_funding${where} ORDER BY funding_id, _source_id`,
    )
  ).map((r) => ({
    funding_id: String(r.funding_id),
    source_id: String(r._source_id),
    review_status: r.review_status as 'reviewed' | 'machine',
    recipient_id: String(r.recipient_id),
    funding_type: String(r.funding_type),
    round: str(r.round),
    status: String(r.status),
    amount: num(r.amount),
    currency: str(r.currency),
    amount_qualifier: str(r.amount_qualifier),
    amount_low: num(r.amount_low),
    amount_high: num(r.amount_high),
    date_start: str(r.date_start),
    date_end: str(r.date_end),
    date_precision: str(r.date_precision),
    event_id: str(r.event_id),
    funders: funders.get(recordKey(r._source_id, r.funding_id)) ?? [],
  }))
}

/** Every record of the given event ids, with the participants other than the subject. */
async function readEvents(con: DuckDBConnection, only: string[]): Promise<EventRecord[]> {
  const ids = 'event_id IN (SELECT unnest($ids))'
  const read = (sql: string) => rowsFor(con, sql, only)
  const participants = bySourceRecord(
    await read(`SELECT event_id, entity_id, role, _source_id FROM records_event_participants WHERE role <> 'subject' AND ${ids} ORDER BY ALL`),
    'event_id',
    (r) => ({ entity_id: String(r.entity_id), role: String(r.role) }),
  )
  return (
    await read(
      `SELECT event_id, _source_id, review_status, event_type, subject_id, status, date_start::VARCHAR AS date_start, date_end::VARCHAR AS date_end, date_precision
       FROM records_events WHERE ${ids} ORDER BY event_id, _source_id`,
    )
  ).map((r) => ({
    event_id: String(r.event_id),
    source_id: String(r._source_id),
    review_status: r.review_status as 'reviewed' | 'machine',
    event_type: String(r.event_type),
    subject_id: String(r.subject_id),
    status: String(r.status),
    date_start: str(r.date_start),
    date_end: str(r.date_end),
    date_precision: str(r.date_precision),
    participants: participants.get(recordKey(r._source_id, r.event_id)) ?? [],
  }))
}

/** The funding records that name one of the given events, in the matcher's order, with the clusters merge_records now holds for them. */
async function fundingLinks(con: DuckDBConnection, events: string[]): Promise<{ records: FundingRecord[]; match: MatchResult }> {
  const named = column(await rowsFor(con, 'SELECT DISTINCT funding_id FROM records_funding WHERE event_id IN (SELECT unnest($ids))', events), 'funding_id')
  const wanted = new Set(events)
  const records = (await readFunding(con, sorted(named))).filter((r) => r.event_id !== null && wanted.has(r.event_id))
  const to = await rowsFor(
    con,
    "SELECT source_id, record_id, to_id FROM merge_records WHERE record_table = 'funding' AND record_id IN (SELECT unnest($ids))",
    sorted(named),
  )
  const ranked = to.map(
    (r) => ({ record_table: 'funding', source_id: String(r.source_id), record_id: String(r.record_id), to_id: String(r.to_id) }) as RankedRecord,
  )
  return { records, match: { ranked, conflicts: [], clusters: [] } }
}

/**
 * Adds this match's result for the given ids of `table` (`only`, every id of whole blocks) to
 * merge_records, merge_notes and merge_conflicts; with `previous`, first removes what they hold for
 * those ids and their previous clusters (an incremental match: a full one starts from empty tables).
 */
async function replaceMatches(
  con: DuckDBConnection,
  table: 'funding' | 'events',
  only: string[],
  records: FundingRecord[] | EventRecord[],
  result: MatchResult,
  entities: EntityMatch,
  previous: boolean,
): Promise<void> {
  if (previous) {
    const clusters = column(
      await rowsFor(con, 'SELECT DISTINCT to_id FROM merge_records WHERE record_table = $t AND record_id IN (SELECT unnest($ids))', only, table),
      'to_id',
    )
    for (const t of ['merge_notes', 'merge_conflicts'])
      await runFor(con, `DELETE FROM ${t} WHERE record_table = $t AND record_id IN (SELECT unnest($ids))`, clusters, table)
    await runFor(con, 'DELETE FROM merge_records WHERE record_table = $t AND record_id IN (SELECT unnest($ids))', only, table)
    // their merged rows, before and after, are those the models compute again
    await addToScope(con, table, [...clusters, ...result.ranked.map((r) => r.to_id)])
    await runFor(con, 'INSERT INTO merge_rematched SELECT $t, unnest($ids)', only, table)
  }
  const n = (x: number | null) => (x === null ? null : String(x))
  const ranked = result.ranked
  const eventOf = new Map(
    (records as { source_id: string; funding_id?: string; event_id: string | null }[]).map((r) => [recordKey(r.source_id, r.funding_id), r.event_id]),
  )
  await tableOf(con, 'matched', {
    source_id: ranked.map((r) => r.source_id),
    record_id: ranked.map((r) => r.record_id),
    block: ranked.map((r) => r.block),
    to_id: ranked.map((r) => r.to_id),
    _rank: ranked.map((r) => n(r.rank)),
    _amount_rank: ranked.map((r) => n(r.amount_rank)),
    _date_rank: ranked.map((r) => n(r.date_rank)),
    _status_rank: ranked.map((r) => n(r.status_rank)),
    // the event a funding record names: the next build re-matches the events of the flows it re-matches
    event_id: ranked.map((r) => (table === 'funding' ? (eventOf.get(recordKey(r.source_id, r.record_id)) ?? null) : null)),
  })
  await con.run(
    `INSERT INTO merge_records SELECT $t, source_id, record_id, block, to_id, _rank::INTEGER, _amount_rank::INTEGER, _date_rank::INTEGER, _status_rank::INTEGER, event_id FROM matched`,
    { t: table } as never,
  )
  // a merged flow's funders: the kept reports' funders together, named as the entities table names them
  const fundersOf = new Map<string, string[]>()
  if (table === 'funding') {
    const funders = bySourceRecord(
      await rowsFor(con, 'SELECT funding_id, entity_id, _source_id FROM records_funders WHERE funding_id IN (SELECT unnest($ids))', only),
      'funding_id',
      (r) => String(r.entity_id),
    )
    for (const r of ranked)
      if (r.rank !== null)
        fundersOf.set(r.to_id, [
          ...(fundersOf.get(r.to_id) ?? []),
          ...(funders.get(recordKey(r.source_id, r.record_id)) ?? []).map((e) => entities.map.get(e) ?? e),
        ])
  }
  const nameOf = (id: string) => entities.names.get(id)?.name_en ?? id
  const clusters = result.clusters
  await tableOf(con, 'matched', {
    record_id: clusters.map((c) => c.id),
    note: clusters.map((c) => c.note),
    // no funder in any report: null, so the row keeps its report's own value
    funder_names: clusters.map((c) => (table === 'funding' ? [...new Set(fundersOf.get(c.id) ?? [])].map(nameOf).join('; ') || null : null)),
  })
  await con.run('INSERT INTO merge_notes SELECT $t, record_id, note, funder_names FROM matched', { t: table } as never)
  const all = result.conflicts
  await tableOf(con, 'matched', {
    source_id: all.map((c) => c.other_source),
    record_id: all.map((c) => c.record_id),
    reasons: all.map((c) => `conflict: ${c.field} ${c.other} here, ${c.kept_source} says ${c.kept}; the row keeps ${c.kept} (${c.kept_source}), ${KEEP_RULE}`),
  })
  await con.run('INSERT INTO merge_conflicts SELECT source_id, $t, record_id, reasons FROM matched', { t: table } as never)
}

/**
 * staged_<table> (TEMP) for funding, funders, events, event_participants and metrics, what their models
 * read: the records (records_<table>) with their cluster's funding and event ids, the ranks the models
 * pick values by, and their source's publication date. `scoped`: only the records whose merged id is
 * in merge_scope (an incremental build computes those rows again, the others stay as they are).
 */
async function rankAndRemap(con: DuckDBConnection, scoped: boolean): Promise<void> {
  const map = (alias: string, recordTable: string, key: string) =>
    `LEFT JOIN record_map ${alias} ON ${alias}.record_table = '${recordTable}' AND ${alias}.source_id = s._source_id AND ${alias}.from_id = s.${ident(key)}`
  const ranks = `m._rank::INTEGER AS _rank, m._amount_rank::INTEGER AS _amount_rank, m._date_rank::INTEGER AS _date_rank,
    m._status_rank::INTEGER AS _status_rank, p.published_on AS _published_on`
  const published = "LEFT JOIN (SELECT _source_id, published_on FROM staged_all WHERE _table = 'sources') p ON p._source_id = s._source_id"
  const inScope = (scope: string) => `(SELECT id FROM merge_scope WHERE record_table = '${scope}')`
  // the records of merged ids in scope, found from the record map's side (every funding and event record has its entry)
  const ofScope = (recordTable: string, key: string) =>
    scoped
      ? `SEMI JOIN (SELECT source_id, from_id FROM record_map WHERE record_table = '${recordTable}' AND to_id IN ${inScope(recordTable)}) k
         ON k.source_id = s._source_id AND k.from_id = s.${ident(key)}`
      : ''
  const staged = (table: string, select: string, joins: string) =>
    con.run(`CREATE OR REPLACE TEMP TABLE ${ident(`staged_${table}`)} AS SELECT ${select} FROM ${ident(`records_${table}`)} s ${joins}`)
  await staged(
    'funding',
    `s.* REPLACE (coalesce(m.to_id, s.funding_id) AS funding_id, coalesce(e.to_id, s.event_id) AS event_id), ${ranks}`,
    `${ofScope('funding', 'funding_id')} ${map('m', 'funding', 'funding_id')} ${map('e', 'events', 'event_id')} ${published}`,
  )
  await staged(
    'funders',
    `s.* REPLACE (coalesce(m.to_id, s.funding_id) AS funding_id), ${ranks}`,
    `${ofScope('funding', 'funding_id')} ${map('m', 'funding', 'funding_id')} ${published}`,
  )
  for (const table of ['events', 'event_participants'])
    await staged(
      table,
      `s.* REPLACE (coalesce(m.to_id, s.event_id) AS event_id), ${ranks}`,
      `${ofScope('events', 'event_id')} ${map('m', 'events', 'event_id')} ${published}`,
    )
  await staged(
    'metrics',
    's.* REPLACE (coalesce(e.to_id, s.event_id) AS event_id)',
    `${map('e', 'events', 'event_id')} ${scoped ? `WHERE s.metric_id IN ${inScope('metrics')}` : ''}`,
  )
}

/** The entries of one map (two queries of the same columns: this build's, the previous build's) in one and not the other: the original ids whose merged id changed. */
const changedEntries = (now: string, before: string) => `(${now} EXCEPT ${before}) UNION (${before} EXCEPT ${now})`

/**
 * mentions.entity_id and evidence.record_id, for the rows the per-source tables kept, set from the staged originals and
 * this build's maps. `changed`: the sources loaded in this build, whose rows hold their original ids; null when every
 * row was just made from the staged originals (a full build). The rows set are those of an original id whose merged id
 * changed between this build's map and the previous build's (kept as merge_entity_map and merge_record_map for the
 * next build), and every row of the sources loaded now that the map renames: every row of either map again would be
 * most of the table at 100,000 articles, and DuckDB ran out of memory in that UPDATE of the evidence. `scoped`: the
 * matcher matched only the record ids in merge_rematched again, so only their entries of the record map can differ.
 */
export async function remapPerSource(con: DuckDBConnection, changed: string[] | null, scoped: boolean): Promise<void> {
  const has = async (name: string) =>
    (await rows(con, 'SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = $name AND NOT temporary', { name }))[0].n === 1
  if (!(await has('merge_entity_map'))) await con.run('CREATE TABLE merge_entity_map (from_id VARCHAR, to_id VARCHAR)')
  if (!(await has('merge_record_map'))) await con.run('CREATE TABLE merge_record_map (record_table VARCHAR, source_id VARCHAR, from_id VARCHAR, to_id VARCHAR)')
  // in a full build every source was loaded now
  const loaded = (column: string) => (changed ? `${column} IN (SELECT unnest($ids))` : 'true')
  const run = (sql: string) => (changed ? runFor(con, sql, changed) : con.run(sql))
  const entities = changedEntries('SELECT from_id, to_id FROM entity_map', 'SELECT from_id, to_id FROM merge_entity_map')
  await run(
    `UPDATE mentions SET entity_id = t.entity_id FROM (
      SELECT o.mention_id, coalesce(m.to_id, o.entity_id) AS entity_id
      FROM staged_all o LEFT JOIN entity_map m ON m.from_id = o.entity_id
      WHERE o._table = 'mentions'
        AND (o.entity_id IN (SELECT from_id FROM (${entities})) OR (${loaded('o._source_id')} AND m.from_id IS NOT NULL))
    ) t WHERE mentions.mention_id = t.mention_id AND mentions.entity_id IS DISTINCT FROM t.entity_id`,
  )
  const rematched = (alias: string) =>
    scoped ? ` AND EXISTS (SELECT 1 FROM merge_rematched k WHERE k.record_table = ${alias}.record_table AND k.record_id = ${alias}.from_id)` : ''
  const remapped = `SELECT record_table, source_id, from_id, to_id FROM record_map r WHERE to_id <> from_id${rematched('r')}`
  const before = `SELECT record_table, source_id, from_id, to_id FROM merge_record_map b WHERE true${rematched('b')}`
  if (!changed)
    // every row was just made from the staged originals: rewritten whole. An UPDATE of most of its rows keeps each
    // changed value in memory until COMMIT: 146 s at 100,000 articles (730,000 rows), where DuckDB ran out of memory once
    await con.run(`CREATE OR REPLACE TABLE evidence AS SELECT e.* REPLACE (coalesce(m.to_id, e.record_id) AS record_id)
      FROM evidence e LEFT JOIN record_map m ON m.record_table = e.record_table AND m.source_id = e.source_id AND m.from_id = e.record_id
      ORDER BY e.evidence_id`)
  else
    await run(
      `UPDATE evidence SET record_id = t.record_id FROM (
      SELECT o.evidence_id, coalesce(m.to_id, o.record_id) AS record_id
      FROM staged_all o
      JOIN (SELECT DISTINCT record_table, source_id, from_id FROM (
              ${changedEntries(remapped, before)}
              UNION SELECT record_table, source_id, from_id, to_id FROM record_map WHERE to_id <> from_id AND ${loaded('source_id')})) k
        ON k.record_table = o.record_table AND k.source_id = o._source_id AND k.from_id = o.record_id
      LEFT JOIN record_map m ON m.record_table = o.record_table AND m.source_id = o._source_id AND m.from_id = o.record_id
      WHERE o._table = 'evidence'
    ) t WHERE evidence.evidence_id = t.evidence_id AND evidence.record_id IS DISTINCT FROM t.record_id`,
    )
  await con.run('DELETE FROM merge_entity_map')
  await con.run('INSERT INTO merge_entity_map SELECT from_id, to_id FROM entity_map')
  // scoped: the entries of the record ids matched again are replaced, the others are as the previous build left them
  await con.run(`DELETE FROM merge_record_map WHERE true${rematched('merge_record_map')}`)
  await con.run(`INSERT INTO merge_record_map ${remapped}`)
}
