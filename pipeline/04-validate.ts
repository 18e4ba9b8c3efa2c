/**
 * 04-validate: every record of every table against schemas/tables/*.schema.json, all errors at once.
 * in:  out/build/01-ingest/*.json, out/build/02-extract/*.json, out/build/03-assemble/*.json, raw/entities.json
 * out: out/build/04-validate/<table>.jsonl (records with their source_id, for the model stage)
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Ingested } from './01-ingest.ts'
import type { Extracted } from './02-extract.ts'
import type { Assembled } from './03-assemble.ts'
import type { Entity } from './lib/entities.ts'
import { isMain, log, readJson, runStage, writeFileAtomic } from './lib/io.ts'
import { TABLES, type TableName } from './lib/table-schemas.ts'
import { DataError, readJsonValid, validator } from './lib/validate.ts'

type Row = Record<string, unknown>

export function collectRows(
  ingested: Ingested[],
  extracted: Extracted[],
  assembled: Assembled[],
  entities: Entity[],
): Record<TableName, { row: Row; source: string; file: string }[]> {
  const t = Object.fromEntries(TABLES.map((n) => [n, [] as { row: Row; source: string; file: string }[]])) as Record<
    TableName,
    { row: Row; source: string; file: string }[]
  >
  for (const d of ingested) {
    const s = d.source
    t.sources.push({
      source: s.source_id,
      file: `01-ingest/${s.source_id}.json`,
      row: {
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
    })
  }
  for (const e of entities) {
    t.entities.push({
      source: '',
      file: 'raw/entities.json',
      row: {
        entity_id: e.entity_id,
        entity_type: e.entity_type,
        name_en: e.name_en,
        name_zh: e.name_zh,
        wikidata_id: e.wikidata_id,
        description_en: e.description_en,
      },
    })
  }
  for (const x of extracted) {
    for (const m of x.mentions) {
      const r = m as unknown as Row
      t.mentions.push({
        source: x.source_id,
        file: `02-extract/${x.source_id}.json`,
        row: {
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
          number_value: r.number_value ?? null,
          number_unit: r.number_unit ?? null,
          entity_id: r.entity_id ?? null,
        },
      })
    }
  }
  for (const a of assembled) {
    for (const name of ['events', 'event_participants', 'funding', 'funders', 'metrics', 'evidence'] as const) {
      for (const row of a[name]) t[name].push({ row, source: a.source_id, file: `03-assemble/${a.source_id}.json` })
    }
  }
  return t
}

export function main({ build, entities, out }: { build: string; entities: string; out: string }): void {
  const read = <T>(dir: string) =>
    fs
      .readdirSync(path.join(build, dir))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => readJson<T>(path.join(build, dir, f)))
  const tables = collectRows(
    read<Ingested>('01-ingest'),
    read<Extracted>('02-extract'),
    read<Assembled>('03-assemble'),
    readJsonValid<{ entities: Entity[] }>('entities', entities).entities,
  )
  const problems: string[] = []
  for (const name of TABLES) {
    const validate = validator(`tables/${name}`)
    tables[name].forEach(({ row, file }, i) => {
      if (!validate(row)) {
        for (const e of validate.errors ?? [])
          problems.push(
            `${file} ${name}[${i}]${e.instancePath}\n  expected: ${e.message}; found ${JSON.stringify(e.instancePath ? (row as Row)[e.instancePath.slice(1)] : row).slice(0, 120)}`,
          )
      }
    })
  }
  if (problems.length)
    throw new DataError(
      path.join(build, '04-validate'),
      problems.map((message) => ({ pointer: '', line: null, message })),
    )
  for (const name of TABLES) {
    writeFileAtomic(path.join(out, `${name}.jsonl`), tables[name].map(({ row, source }) => `${JSON.stringify({ ...row, _source_id: source })}\n`).join(''))
  }
  log('04-validate', TABLES.map((n) => `${n} ${tables[n].length}`).join(', '))
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      build: { type: 'string', default: 'out/build' },
      entities: { type: 'string', default: 'raw/entities.json' },
      out: { type: 'string', default: 'out/build/04-validate' },
    },
  })
  runStage('04-validate', () => main(values as { build: string; entities: string; out: string }))
}
