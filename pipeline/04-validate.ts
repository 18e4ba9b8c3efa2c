/**
 * 04-validate: every record of every table against schemas/tables/*.schema.json, all errors at once.
 * Per source, cached (_manifest.json); the curated entity list is validated on every run.
 * in:  out/build/01-ingest/*.json, out/build/02-extract/*.json, out/build/03-assemble/*.json, raw/entities.json
 * out: out/build/04-validate/sources/<source_id>.jsonl and entities.jsonl: every record, one per
 *      line with its _table and _source_id (plus each source's text as _table = _source_text, in pieces),
 *      and _manifest.json, whose keys tell the model stage which sources changed
 */

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { proposalEntity } from './curate/discovered.ts'
import type { Entity } from './curate/entity-list.ts'
import { readEntityList } from './curate/entity-list.ts'
import { type Lazy, readJson, readJsonLazy, writeFileAtomic, writeLinesAtomic } from './store/files.ts'
import { runStageCli, type StageOptions } from './store/layout.ts'
import { type Changes, codeVersion, keyOf, readManifest, redoStale, StageRun } from './store/manifest.ts'
import { isMain } from './store/run.ts'
import type { Assembled, Extracted, Ingested, LeftOut } from './store/stage-outputs.ts'
import { TABLES, type TableName } from './store/table-schemas.ts'
import { DataError, validator } from './store/validate.ts'

type Row = Record<string, unknown>
/** Rows per table; a source's mentions are made one at a time as they are written (a dense article has hundreds of thousands). */
export type TableRows = Partial<Record<TableName, Iterable<Row>>>

/** The rows one source contributes to each table; the mentions and records may be read as they are used (readJsonLazy). */
export function sourceRows(d: Ingested, x: Lazy<Extracted>, a: Lazy<Assembled>): TableRows {
  const s = d.source
  const mentionRow = (m: Extracted['mentions'][number]): Row => {
    const r = m as unknown as Row
    return {
      mention_id: `${x.source_id}:${m.start}-${m.end}`,
      source_id: x.source_id,
      char_start: m.start,
      char_end: m.end,
      text: m.text,
      kind: m.kind,
      date_start: r.date_start ?? null,
      date_end: r.date_end ?? null,
      date_precision: r.date_precision ?? null,
      date_qualifier: r.date_qualifier ?? null,
      date_edtf: r.date_edtf ?? null,
      amount: r.amount ?? null,
      amount_low: r.amount_low ?? null,
      amount_high: r.amount_high ?? null,
      currency: r.currency ?? null,
      amount_qualifier: r.amount_qualifier ?? null,
      currency_rule: r.currency_rule ?? null,
      amount_role: r.amount_role ?? null,
      amount_refused: r.amount_refused ?? null,
      number_value: r.number_value ?? null,
      number_unit: r.number_unit ?? null,
      number_refused: r.number_refused ?? null,
      entity_id: r.entity_id ?? null,
    }
  }
  const mentions = {
    *[Symbol.iterator]() {
      for (const m of x.mentions) yield mentionRow(m)
    },
  }
  return {
    sources: [
      {
        source_id: s.source_id,
        title: s.title,
        publisher: s.publisher,
        url: s.url,
        language: s.language,
        published_on: s.published_on,
        retrieved_on: s.retrieved_on,
        text_sha256: d.text_sha256,
        char_count: d.char_count,
        rights: s.rights,
      },
    ],
    ...recordRows(a),
    mentions,
    // names discovery found here: machine-tier entities, one row per source that found them (the model keeps one)
    entities: [...x.discovered].map((p) => entityRow(proposalEntity(p), 'machine')),
  }
}

/** The rows of a source's records (03-assemble's), table by table. */
export function recordRows(a: Lazy<Assembled>): TableRows {
  return {
    events: a.events,
    event_participants: a.event_participants,
    funding: a.funding,
    funders: a.funders,
    metrics: a.metrics,
    evidence: a.evidence,
  }
}

function entityRow(e: Entity, tier: 'reviewed' | 'machine'): Row {
  return {
    entity_id: e.entity_id,
    entity_type: e.entity_type,
    name_en: e.name_en,
    name_zh: e.name_zh,
    aliases: e.aliases.length ? e.aliases.join('; ') : null,
    wikidata_id: e.wikidata_id,
    description_en: e.description_en,
    review_status: tier,
  }
}

export function entityRows(entities: Entity[]): TableRows {
  return {
    entities: entities.map((e) => entityRow(e, 'reviewed')),
  }
}

/** Validates rows table by table; returns them as JSON lines, or throws every problem found. */
export function validatedLines(rows: TableRows, sourceId: string, file: string): string {
  const lines: string[] = []
  writeValidated(rows, sourceId, file, (line) => lines.push(line))
  return lines.join('')
}

/**
 * The id column of each table of records. A source reports a record once, and its evidence quotes it for its own
 * records only: the model merges reports across sources, never within one, and an incremental build checks a record's
 * evidence when that record's own sources changed (05-model.ts scopeChecks), which holds only so.
 */
const RECORD_IDS: Partial<Record<TableName, string>> = { events: 'event_id', funding: 'funding_id', metrics: 'metric_id' }

/**
 * What a curator can do about a record reported twice or evidence for another source's record: nothing in the annotations
 * (03-assemble refuses a repeated id there at its line, and an annotation's evidence belongs to its record), so the fault is
 * the machine drafts', 03-assemble's or a build file's edited by hand.
 */
const notTheCurators = (sourceId: string) =>
  `(not a fault of raw/${sourceId}/annotations.yaml, which 03-assemble checks for this at its line: the machine drafts or 03-assemble made it, or this file was edited; rebuild from nothing with \`rm -rf out/build && make dataset\`, and if it stays, report it with the folder raw/${sourceId}/)`

/** Validates rows table by table, handing each to `write` as a JSON line; throws every problem found, after the last row. */
export function writeValidated(rows: TableRows, sourceId: string, file: string, write: (line: string) => void): void {
  const problems: string[] = []
  // each record of this source, `<table> <id>`, with its place
  const records = new Map<string, number>()
  for (const name of TABLES) {
    const validate = validator(`tables/${name}`)
    const idColumn = RECORD_IDS[name]
    let i = -1
    for (const row of rows[name] ?? []) {
      i++
      if (!validate(row)) {
        for (const e of validate.errors ?? []) {
          const found = e.instancePath ? row[e.instancePath.slice(1)] : row
          problems.push(`${name}[${i}]${e.instancePath}\n  expected: ${e.message}; found ${JSON.stringify(found)?.slice(0, 120)}`)
        }
      }
      if (idColumn) {
        const key = `${name} ${row[idColumn]}`
        const first = records.get(key)
        if (first === undefined) records.set(key, i)
        else
          problems.push(
            `${name}[${i}]/${idColumn}\n  expected: a record this source reports once; found ${JSON.stringify(row[idColumn])}, the id of ${name}[${first}] too\n  ${notTheCurators(sourceId)}`,
          )
      }
      if (name === 'evidence' && !records.has(`${row.record_table} ${row.record_id}`))
        problems.push(
          `evidence[${i}]/record_id\n  expected: a record of this source (${row.record_table} of this file); found ${JSON.stringify(row.record_id)}, which it does not report\n  ${notTheCurators(sourceId)}`,
        )
      // nulls are left out: the model stage reads a missing key as NULL, and the file is a third smaller
      write(`${JSON.stringify({ ...row, _table: name, _source_id: sourceId }, (_key, value) => (value === null ? undefined : value))}\n`)
    }
  }
  if (problems.length)
    throw new DataError(
      file,
      problems.map((message) => ({ pointer: '', line: null, message })),
    )
}

/**
 * The machine records 03-assemble left out, for the build report: staged as `_left_out` rows in
 * columns the staging table already has (record_table, record_id; the reasons in notes).
 */
export function leftOutLines(sourceId: string, leftOut: Iterable<LeftOut>): string {
  return [...leftOut]
    .map(
      (x) => `${JSON.stringify({ _table: '_left_out', _source_id: sourceId, record_table: x.table, record_id: x.record_id, notes: x.reasons.join('\n') })}\n`,
    )
    .join('')
}

/** Code points per staged piece of a source's text: a line stays small for DuckDB's JSON reader, and the quote check reads a quote from its pieces. */
export const TEXT_CHUNK = 1024

/** The text in pieces of TEXT_CHUNK code points (the last one shorter), each with the code point it starts at. */
export function textChunks(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = []
  let [from, points] = [0, 0]
  for (let i = 0; i < text.length; ) {
    i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1
    points++
    if (points % TEXT_CHUNK === 0 || i >= text.length) {
      out.push({ start: points - (((points - 1) % TEXT_CHUNK) + 1), text: text.slice(from, i) })
      from = i
    }
  }
  return out
}

export function processSource(id: string, { build, out }: Omit<StageOptions<'04-validate'>, 'entities'>): void {
  const file = (stage: string) => path.join(build, stage, `${id}.json`)
  const ingested = readJson<Ingested>(file('01-ingest'))
  // the mentions and records are read as they are validated and written: a dense article's, whole, would cost several times the article in memory
  const assembled = readJsonLazy<Assembled>(file('03-assemble'))
  const rows = sourceRows(ingested, readJsonLazy<Extracted>(file('02-extract')), assembled)
  writeLinesAtomic(path.join(out, 'sources', `${id}.jsonl`), (write) => {
    writeValidated(rows, id, path.join(build, '03-assemble', `${id}.json`), write)
    for (const c of textChunks(ingested.text))
      write(`${JSON.stringify({ _table: '_source_text', _source_id: id, source_id: id, char_start: c.start, char_count: TEXT_CHUNK, text: c.text })}\n`)
    write(leftOutLines(id, assembled.left_out))
  })
}

export async function main({ build, entities, out }: StageOptions<'04-validate'>, changes?: Changes): Promise<ReadonlySet<string> | undefined> {
  fs.mkdirSync(path.join(out, 'sources'), { recursive: true })
  const entityLines = validatedLines(entityRows(readEntityList(entities)), '', entities)
  const code = codeVersion(fileURLToPath(import.meta.url))
  const extracted = readManifest(path.join(build, '02-extract'))
  const assembled = readManifest(path.join(build, '03-assemble'))
  const run = new StageRun(out, changes, keyOf(code, JSON.stringify({ build, out })))
  const changed = await redoStale(
    '04-validate',
    run,
    {
      ids: Object.keys(assembled),
      keyOf: (id) => keyOf(code, assembled[id], extracted[id] ?? ''),
      outputOf: (id) => path.join(out, 'sources', `${id}.jsonl`),
      inputOf: (id) => path.join(build, '03-assemble', `${id}.json`),
      module: import.meta.url,
      options: { build, out },
    },
    processSource,
  )
  writeFileAtomic(path.join(out, 'entities.jsonl'), entityLines)
  return changed
}

if (isMain(import.meta.url)) runStageCli('04-validate', main)
