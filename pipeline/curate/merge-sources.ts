/**
 * The model stage's side of cross-source matching: reads the staged records (TEMP staged_<table>,
 * built by 05-model from every source), runs the pure matcher (match-records.ts), and rewrites the
 * staged records so that the table models (pipeline/sql/<table>.sql) group one real entity, flow or
 * event under one id:
 *   - entity ids merged into another are replaced everywhere they are referenced;
 *   - funding and event ids are replaced by their cluster's id, and each staged row gets the ranks
 *     the models pick values by (_rank, _amount_rank, _date_rank, _status_rank; null: its values are not used);
 *   - entity_names, merge_notes (TEMP) give the models the merged names and the notes;
 *   - merge_conflicts (kept in the model) lists every disagreement for the build report.
 * The per-source tables (mentions, evidence) keep their rows between builds, so their ids are
 * re-derived after the models ran (remapPerSource) from the staged originals, for every id the map
 * of this build or of the previous one touches: incremental and full builds stay identical.
 */
import { type DuckDBConnection, LIST, listValue, VARCHAR } from '@duckdb/node-api'
import { ident, rows } from '../store/duckdb.ts'
import { TABLES, tableSchema } from '../store/table-schemas.ts'
import { type EntityRow, type EventRecord, type FundingRecord, KEEP_RULE, matchEntities, matchEvents, matchFunding, type SourceInfo } from './match-records.ts'

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

/** Creates (or replaces) a TEMP table of text columns from equal-length arrays; null stays null. */
async function tableOf(con: DuckDBConnection, name: string, cols: Record<string, (string | null)[]>, persist = false): Promise<void> {
  const names = Object.keys(cols)
  const values = Object.fromEntries(names.map((n, i) => [`c${i}`, listValue(cols[n])]))
  const types = Object.fromEntries(names.map((_n, i) => [`c${i}`, LIST(VARCHAR)]))
  const select = names.map((n, i) => `unnest($c${i}) AS ${ident(n)}`).join(', ')
  const empty = names.map((n) => `NULL::VARCHAR AS ${ident(n)}`).join(', ')
  const create = `CREATE OR REPLACE ${persist ? '' : 'TEMP '}TABLE ${ident(name)} AS`
  if (cols[names[0]].length) await con.run(`${create} SELECT ${select}`, values as never, types as never)
  else await con.run(`${create} SELECT ${empty} WHERE false`)
}

/** Columns that hold an entity id, per table, from the schemas' foreign keys. */
function entityColumns(): { table: string; column: string }[] {
  return TABLES.flatMap((t) =>
    tableSchema(t)
      ['x-foreignKeys'].filter((fk) => fk.reference.resource === 'entities')
      .map((fk) => ({ table: t, column: fk.fields[0] })),
  )
}

const PER_SOURCE = new Set(['sources', 'mentions', 'evidence'])

export async function mergeAcrossSources(con: DuckDBConnection): Promise<{ entities: number; funding: number; events: number; conflicts: number }> {
  const sources = new Map<string, SourceInfo>(
    (await rows(con, "SELECT source_id, published_on::VARCHAR AS published_on FROM staged_all WHERE _table = 'sources'")).map((r) => [
      String(r.source_id),
      { published_on: str(r.published_on) },
    ]),
  )

  // entities: one id per real entity, everywhere it is referenced
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
  for (const { table, column } of [{ table: 'entities', column: 'entity_id' }, ...entityColumns()]) {
    if (PER_SOURCE.has(table)) continue
    const t = ident(`staged_${table}`)
    await con.run(`UPDATE ${t} SET ${ident(column)} = m.to_id FROM entity_map m WHERE ${t}.${ident(column)} = m.from_id`)
  }

  // funding, then events (an event of a funding record follows its funding)
  // in the order each record names them (staged rows keep the order of their source's records)
  const funders = bySourceRecord(await rows(con, 'SELECT funding_id, entity_id, _source_id FROM staged_funders'), 'funding_id', (r) => String(r.entity_id))
  const fundingRecords: FundingRecord[] = (
    await rows(
      con,
      `SELECT funding_id, _source_id, review_status, recipient_id, funding_type, round, status, amount, currency, amount_qualifier, amount_low, amount_high,
              date_start::VARCHAR AS date_start, date_end::VARCHAR AS date_end, date_precision, event_id FROM staged_funding ORDER BY funding_id, _source_id`,
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
  const funding = matchFunding(fundingRecords, sources)

  const participants = bySourceRecord(
    await rows(con, "SELECT event_id, entity_id, role, _source_id FROM staged_event_participants WHERE role <> 'subject' ORDER BY ALL"),
    'event_id',
    (r) => ({ entity_id: String(r.entity_id), role: String(r.role) }),
  )
  const eventRecords: EventRecord[] = (
    await rows(
      con,
      `SELECT event_id, _source_id, review_status, event_type, subject_id, status, date_start::VARCHAR AS date_start, date_end::VARCHAR AS date_end, date_precision
       FROM staged_events ORDER BY event_id, _source_id`,
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
  const events = matchEvents(eventRecords, sources, fundingRecords, funding)

  const ranked = [...funding.ranked, ...events.ranked]
  const n = (x: number | null) => (x === null ? null : String(x))
  await tableOf(con, 'record_map', {
    record_table: ranked.map((r) => r.record_table),
    source_id: ranked.map((r) => r.source_id),
    from_id: ranked.map((r) => r.record_id),
    to_id: ranked.map((r) => r.to_id),
    _rank: ranked.map((r) => n(r.rank)),
    _amount_rank: ranked.map((r) => n(r.amount_rank)),
    _date_rank: ranked.map((r) => n(r.date_rank)),
    _status_rank: ranked.map((r) => n(r.status_rank)),
  })
  // a merged flow's funders: the kept reports' funders together, named as the entities table names them
  const nameOf = (id: string) => entities.names.get(id)?.name_en ?? id
  const fundersOf = new Map<string, string[]>()
  for (const r of funding.ranked)
    if (r.rank !== null)
      fundersOf.set(r.to_id, [
        ...(fundersOf.get(r.to_id) ?? []),
        ...(funders.get(recordKey(r.source_id, r.record_id)) ?? []).map((e) => entities.map.get(e) ?? e),
      ])
  const clusters = [...funding.clusters.map((c) => ({ table: 'funding', ...c })), ...events.clusters.map((c) => ({ table: 'events', ...c }))]
  await tableOf(con, 'merge_notes', {
    record_table: clusters.map((c) => c.table),
    record_id: clusters.map((c) => c.id),
    note: clusters.map((c) => c.note),
    // no funder in any report: null, so the row keeps its report's own value
    funder_names: clusters.map((c) => (c.table === 'funding' ? [...new Set(fundersOf.get(c.id) ?? [])].map(nameOf).join('; ') || null : null)),
  })
  const all = [...funding.conflicts, ...events.conflicts]
  await tableOf(
    con,
    'merge_conflicts',
    {
      source_id: all.map((c) => c.other_source),
      record_table: all.map((c) => c.record_table),
      record_id: all.map((c) => c.record_id),
      reasons: all.map(
        (c) => `conflict: ${c.field} ${c.other} here, ${c.kept_source} says ${c.kept}; the row keeps ${c.kept} (${c.kept_source}), ${KEEP_RULE}`,
      ),
    },
    true,
  )
  await rankAndRemap(con)
  return { entities: entities.map.size, funding: funding.clusters.length, events: events.clusters.length, conflicts: all.length }
}

/** Adds the ranks to the staged records of funding and events, then gives them their cluster's ids. */
async function rankAndRemap(con: DuckDBConnection): Promise<void> {
  const ranks = (table: string, key: string, recordTable: string) =>
    con.run(
      `CREATE OR REPLACE TEMP TABLE ${ident(`staged_${table}`)} AS
       SELECT s.*, m._rank::INTEGER AS _rank, m._amount_rank::INTEGER AS _amount_rank, m._date_rank::INTEGER AS _date_rank,
              m._status_rank::INTEGER AS _status_rank,
              p.published_on AS _published_on
       FROM ${ident(`staged_${table}`)} s
       LEFT JOIN record_map m ON m.record_table = $rt AND m.source_id = s._source_id AND m.from_id = s.${ident(key)}
       LEFT JOIN (SELECT _source_id, published_on FROM staged_all WHERE _table = 'sources') p ON p._source_id = s._source_id`,
      { rt: recordTable } as never,
    )
  await ranks('funding', 'funding_id', 'funding')
  await ranks('funders', 'funding_id', 'funding')
  await ranks('events', 'event_id', 'events')
  await ranks('event_participants', 'event_id', 'events')
  const remap = (table: string, column: string, recordTable: string) => {
    const t = ident(`staged_${table}`)
    return con.run(
      `UPDATE ${t} SET ${ident(column)} = m.to_id FROM record_map m
       WHERE m.record_table = $rt AND m.source_id = ${t}._source_id AND m.from_id = ${t}.${ident(column)} AND m.to_id <> m.from_id`,
      { rt: recordTable } as never,
    )
  }
  await remap('funding', 'funding_id', 'funding')
  await remap('funders', 'funding_id', 'funding')
  await remap('funding', 'event_id', 'events')
  await remap('events', 'event_id', 'events')
  await remap('event_participants', 'event_id', 'events')
  await remap('metrics', 'event_id', 'events')
}

/**
 * mentions.entity_id and evidence.record_id, for the rows the per-source tables kept: set from the
 * staged originals and this build's maps, for every original id this build's or the previous build's
 * maps touch (the maps are kept as merge_entity_map and merge_record_map for the next build).
 */
export async function remapPerSource(con: DuckDBConnection): Promise<void> {
  const has = async (name: string) =>
    (await rows(con, 'SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = $name AND NOT temporary', { name }))[0].n === 1
  if (!(await has('merge_entity_map'))) await con.run('CREATE TABLE merge_entity_map (from_id VARCHAR, to_id VARCHAR)')
  if (!(await has('merge_record_map'))) await con.run('CREATE TABLE merge_record_map (record_table VARCHAR, source_id VARCHAR, from_id VARCHAR, to_id VARCHAR)')
  await con.run(`UPDATE mentions SET entity_id = t.entity_id FROM (
      SELECT o.mention_id, coalesce(m.to_id, o.entity_id) AS entity_id
      FROM staged_all o LEFT JOIN entity_map m ON m.from_id = o.entity_id
      WHERE o._table = 'mentions' AND o.entity_id IN (SELECT from_id FROM entity_map UNION SELECT from_id FROM merge_entity_map)
    ) t WHERE mentions.mention_id = t.mention_id AND mentions.entity_id IS DISTINCT FROM t.entity_id`)
  await con.run(`UPDATE evidence SET record_id = t.record_id FROM (
      SELECT o.evidence_id, coalesce(m.to_id, o.record_id) AS record_id
      FROM staged_all o
      JOIN (SELECT record_table, source_id, from_id FROM record_map WHERE to_id <> from_id
            UNION SELECT record_table, source_id, from_id FROM merge_record_map) k
        ON k.record_table = o.record_table AND k.source_id = o._source_id AND k.from_id = o.record_id
      LEFT JOIN record_map m ON m.record_table = o.record_table AND m.source_id = o._source_id AND m.from_id = o.record_id
      WHERE o._table = 'evidence'
    ) t WHERE evidence.evidence_id = t.evidence_id AND evidence.record_id IS DISTINCT FROM t.record_id`)
  await con.run('DELETE FROM merge_entity_map')
  await con.run('INSERT INTO merge_entity_map SELECT from_id, to_id FROM entity_map')
  await con.run('DELETE FROM merge_record_map')
  await con.run('INSERT INTO merge_record_map SELECT record_table, source_id, from_id, to_id FROM record_map WHERE to_id <> from_id')
}
