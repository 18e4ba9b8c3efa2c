/**
 * 03-assemble: curated annotations + extracted mentions -> event, funding and metric records.
 * The curator states what happened; amounts and dates come from the mentions inside the quoted
 * evidence (dates: inside it, or inside date_quote), changed only by overrides with a reason.
 * in:  out/build/01-ingest/<source_id>.json, out/build/02-extract/<source_id>.json,
 *      raw/<source_id>/annotations.yaml (schemas/annotations.schema.json), raw/entities.json
 * out: out/build/03-assemble/<source_id>.json
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Ingested } from './01-ingest.ts'
import type { Extracted } from './02-extract.ts'
import type { Entity } from './lib/entities.ts'
import type { Mention } from './lib/extract.ts'
import { codeVersion, finishManifest, inputHashes, keyOf, type Manifest, readManifest, staleSources } from './lib/incremental.ts'
import { isMain, log, readJson, runStage, sha256, writeJsonAtomic } from './lib/io.ts'
import { runPool } from './lib/pool.ts'
import { closestPassage, type Found, findAll } from './lib/quotes.ts'
import type {
  Annotations,
  AnnotationsEvent as EventNote,
  AnnotationsFunding as FundingNote,
  AnnotationsMetric as MetricNote,
  AnnotationsQuote as Quote,
} from './lib/schema-types.ts'
import { assertValid, DataError, type Problem, parseYaml, readJsonValid } from './lib/validate.ts'

type Row = Record<string, unknown>
export interface Assembled {
  source_id: string
  events: Row[]
  event_participants: Row[]
  funding: Row[]
  funders: Row[]
  metrics: Row[]
  evidence: Row[]
}

const NO_DATE = { date_text: null, date_start: null, date_end: null, date_precision: 'unknown', date_qualifier: null, date_edtf: null }

/** Collects problems so the curator sees them all at once. */
class Problems {
  list: Problem[] = []
  constructor(private lineOf: (pointer: string) => number | null) {}
  add(pointer: string, message: string) {
    this.list.push({ pointer, line: this.lineOf(pointer), message })
  }
}

export function assemble(doc: Ingested, mentions: Mention[], notes: Annotations, entities: Map<string, Entity>, problems: Problems): Assembled {
  const sourceId = doc.source.source_id
  const out: Assembled = { source_id: sourceId, events: [], event_participants: [], funding: [], funders: [], metrics: [], evidence: [] }
  const ids = new Map<string, string>()

  const locate = (q: Quote, pointer: string): Found | null => {
    const hits = findAll(doc.text, q.quote)
    if (hits.length === 0) {
      const near = closestPassage(doc.text, doc.sentences, q.quote)
      problems.add(pointer, `quote not found in the article: "${q.quote}"\n  closest passage (line ${near.line}): "${near.passage}"`)
      return null
    }
    if (q.occurrence !== undefined) {
      if (q.occurrence > hits.length) problems.add(pointer, `occurrence ${q.occurrence} asked for, but the quote occurs ${hits.length} time(s)`)
      return hits[q.occurrence - 1] ?? null
    }
    if (hits.length > 1) {
      problems.add(
        pointer,
        `ambiguous quote: "${q.quote}" occurs ${hits.length} times (at code points ${hits.map((h) => h.start).join(', ')}); add occurrence: N`,
      )
      return null
    }
    return hits[0]
  }
  const entity = (id: string | null | undefined, pointer: string) => {
    if (id && !entities.has(id)) {
      const close = [...entities.keys()].filter((k) => k.split('-').some((part) => id.includes(part))).slice(0, 3)
      problems.add(pointer, `unknown entity "${id}" (expected an entity_id of raw/entities.json${close.length ? `; did you mean ${close.join(', ')}?` : ''})`)
    }
    return id ?? null
  }
  const inside = (span: Found | null, kind: Mention['kind']) =>
    span ? mentions.filter((m) => m.kind === kind && m.start >= span.start && m.end <= span.end) : []
  const claim = (id: string, pointer: string) => {
    const prior = ids.get(id)
    if (prior) problems.add(pointer, `duplicate id "${id}" (already used at ${prior})`)
    ids.set(id, pointer)
  }
  const addEvidence = (table: string, recordId: string, spans: (Found | null)[]) => {
    for (const s of spans) {
      if (!s) continue
      out.evidence.push({
        evidence_id: sha256(`${table}\u0000${recordId}\u0000${sourceId}\u0000${s.start}\u0000${s.end}`).slice(0, 16),
        record_table: table,
        record_id: recordId,
        source_id: sourceId,
        char_start: s.start,
        char_end: s.end,
        quote: Array.from(doc.text).slice(s.start, s.end).join(''),
      })
    }
  }
  const dateOf = (note: { evidence: Quote[]; date_quote?: Quote; undated?: boolean }, spans: (Found | null)[], pointer: string) => {
    if (note.undated) return { ...NO_DATE }
    const where = note.date_quote ? [locate(note.date_quote, `${pointer}/date_quote`)] : spans
    const times = where.flatMap((s) => inside(s, 'time'))
    if (times.length === 0) {
      problems.add(
        note.date_quote ? `${pointer}/date_quote` : `${pointer}/evidence`,
        'no time expression found in the quoted text (expected one; add date_quote, or undated: true when the article gives no date)',
      )
      return { ...NO_DATE }
    }
    const t = times[0] as Extract<Mention, { kind: 'time' }>
    return {
      date_text: t.text,
      date_start: t.date_start,
      date_end: t.date_end,
      date_precision: t.date_precision,
      date_qualifier: t.date_qualifier,
      date_edtf: t.date_edtf,
    }
  }
  const applyOverrides = (row: Row, note: { overrides?: { field: string; value: string | null; reason: string }[] }, pointer: string) => {
    const reasons: string[] = []
    note.overrides?.forEach((o, i) => {
      if (!(o.field in row)) problems.add(`${pointer}/overrides/${i}/field`, `"${o.field}" is not a field of this record`)
      row[o.field] = o.value
      reasons.push(`${o.field} set to ${o.value === null ? 'null' : `"${o.value}"`} by hand: ${o.reason}`)
      if (o.field === 'date_qualifier' && typeof row.date_edtf === 'string' && (o.value === 'after' || o.value === 'before')) {
        const base = row.date_edtf.split('/')[o.value === 'after' ? 0 : 1] ?? row.date_edtf
        row.date_edtf = o.value === 'after' ? `${base}/..` : `../${base}`
        row.date_end = o.value === 'after' ? null : row.date_end
        row.date_start = o.value === 'before' ? null : row.date_start
      }
    })
    // a bound set by hand (不到半年 after a date) makes the EDTF an interval between the two bounds
    if (note.overrides?.some((o) => o.field === 'date_start' || o.field === 'date_end')) {
      const [start, end] = [row.date_start as string | null, row.date_end as string | null]
      row.date_edtf = start !== null && start === end ? start : `${start ?? '..'}/${end ?? '..'}`
    }
    row.notes = reasons.length ? reasons.join(' ') : null
  }

  notes.events.forEach((e: EventNote, i) => {
    const p = `/events/${i}`
    claim(e.id, p)
    const spans = e.evidence.map((q, k) => locate(q, `${p}/evidence/${k}/quote`))
    const row: Row = {
      event_id: e.id,
      event_type: e.type,
      subject_id: entity(e.subject, `${p}/subject`),
      summary_en: e.summary_en,
      summary_zh: e.summary_zh,
      ...dateOf(e, spans, p),
      status: e.status,
      attributed_to: entity(e.attributed_to, `${p}/attributed_to`),
      source_count: 1,
      notes: null,
    }
    applyOverrides(row, e, p)
    out.events.push(row)
    out.event_participants.push({ event_id: e.id, entity_id: e.subject, role: 'subject' })
    e.participants?.forEach((x, k) => {
      entity(x.entity, `${p}/participants/${k}/entity`)
      if (x.entity !== e.subject || x.role !== 'subject') out.event_participants.push({ event_id: e.id, entity_id: x.entity, role: x.role })
    })
    addEvidence('events', e.id, spans)
  })

  notes.funding.forEach((f: FundingNote, i) => {
    const p = `/funding/${i}`
    claim(f.id, p)
    const spans = f.evidence.map((q, k) => locate(q, `${p}/evidence/${k}/quote`))
    const amountSpans = f.amount_quote ? [locate(f.amount_quote, `${p}/amount_quote`)] : spans
    const money = amountSpans.flatMap((s) => inside(s, 'money')) as Extract<Mention, { kind: 'money' }>[]
    if (money.length === 0)
      problems.add(`${p}/evidence`, 'money record whose evidence holds no amount (expected a money expression such as 10亿美元 inside the quote)')
    if (money.length > 1)
      problems.add(`${p}/evidence`, `the evidence holds ${money.length} amounts (${money.map((m) => m.text).join(', ')}); add amount_quote to say which`)
    const m = money[0]
    const row: Row = {
      funding_id: f.id,
      event_id: f.event ?? null,
      funding_type: f.type,
      status: f.status,
      recipient_id: entity(f.recipient, `${p}/recipient`),
      funder_names: f.funders.map((x) => entities.get(x.entity)?.name_en ?? x.entity).join('; '),
      funders_complete: f.funders_complete,
      amount: m?.amount ?? null,
      currency: m?.currency ?? null,
      amount_qualifier: m?.amount_qualifier ?? null,
      amount_low: m?.amount_low ?? null,
      amount_high: m?.amount_high ?? null,
      amount_usd: m?.currency === 'USD' ? m.amount : null,
      ...dateOf(f, spans, p),
      attributed_to: entity(f.attributed_to, `${p}/attributed_to`),
      notes: null,
    }
    if (f.status === 'claimed' && !f.attributed_to) problems.add(`${p}/attributed_to`, 'a claimed record needs attributed_to (who claims it)')
    applyOverrides(row, f, p)
    out.funding.push(row)
    f.funders.forEach((x, k) => {
      entity(x.entity, `${p}/funders/${k}/entity`)
      out.funders.push({ funding_id: f.id, entity_id: x.entity, is_lead: x.lead ?? false })
    })
    addEvidence('funding', f.id, spans)
  })

  notes.metrics.forEach((x: MetricNote, i) => {
    const p = `/metrics/${i}`
    claim(x.id, p)
    const spans = x.evidence.map((q, k) => locate(q, `${p}/evidence/${k}/quote`))
    const valueSpans = x.value_quote ? [locate(x.value_quote, `${p}/value_quote`)] : spans
    const money = valueSpans.flatMap((s) => inside(s, 'money')) as Extract<Mention, { kind: 'money' }>[]
    const numbers = valueSpans.flatMap((s) => inside(s, 'number')) as Extract<Mention, { kind: 'number' }>[]
    const candidates = money.length ? money : numbers
    if (candidates.length !== 1)
      problems.add(
        `${p}/evidence`,
        `expected exactly one figure in the evidence, found ${candidates.length}${candidates.length ? ` (${candidates.map((c) => c.text).join(', ')}); add value_quote` : ''}`,
      )
    const mm = money[0]
    const nn = numbers[0]
    const row: Row = {
      metric_id: x.id,
      subject_id: entity(x.subject, `${p}/subject`),
      measure: x.measure,
      value: mm ? mm.amount : (nn?.number_value ?? null),
      value_low: mm ? mm.amount_low : (nn?.number_low ?? null),
      value_high: mm ? mm.amount_high : (nn?.number_high ?? null),
      unit: mm ? mm.currency : (x.unit ?? (nn?.number_unit === 'multiple' ? 'times' : nn?.number_unit) ?? 'count'),
      qualifier: mm ? mm.amount_qualifier : (nn?.number_qualifier ?? 'exact'),
      ...dateOf(x, spans, p),
      status: x.status,
      attributed_to: entity(x.attributed_to, `${p}/attributed_to`),
      event_id: x.event ?? null,
      notes: null,
    }
    applyOverrides(row, x, p)
    out.metrics.push(row)
    addEvidence('metrics', x.id, spans)
  })
  return out
}

let known: { file: string; entities: Map<string, Entity> } | null = null
function knownEntities(file: string): Map<string, Entity> {
  if (known?.file !== file) known = { file, entities: new Map(readJsonValid<{ entities: Entity[] }>('entities', file).entities.map((e) => [e.entity_id, e])) }
  return known.entities
}

const NO_ANNOTATIONS = 'file not found (expected the curated annotations; make candidates SOURCE=<id> drafts one)'

export function processSource(id: string, options: Record<string, unknown>): void {
  const { ingest, extract, raw, entities, out } = options as { ingest: string; extract: string; raw: string; entities: string; out: string }
  const doc = readJson<Ingested>(path.join(ingest, `${id}.json`))
  const { mentions } = readJson<Extracted>(path.join(extract, `${id}.json`))
  const notesFile = path.join(raw, id, 'annotations.yaml')
  if (!fs.existsSync(notesFile)) throw new DataError(notesFile, [{ pointer: '', line: null, message: NO_ANNOTATIONS }])
  const { data, lineOf } = parseYaml(fs.readFileSync(notesFile, 'utf8'), notesFile)
  const notes = assertValid<Annotations>('annotations', data, notesFile, lineOf)
  const problems = new Problems(lineOf)
  if (notes.source_id !== id) problems.add('/source_id', `found "${notes.source_id}", expected "${id}"`)
  if (notes.review.status !== 'reviewed')
    problems.add('/review/status', 'found "draft": a person must review the draft and set status: reviewed before it is built')
  const assembled = assemble(doc, mentions, notes, knownEntities(entities), problems)
  if (problems.list.length) throw new DataError(notesFile, problems.list)
  writeJsonAtomic(path.join(out, `${id}.json`), assembled)
}

export async function main(options: { ingest: string; extract: string; raw: string; entities: string; out: string }): Promise<void> {
  const { extract, raw, entities, out } = options
  knownEntities(entities)
  const code = codeVersion(fileURLToPath(import.meta.url))
  const entityHash = sha256(fs.readFileSync(entities))
  const upstream = readManifest(extract)
  const notes = inputHashes(out, Object.fromEntries(Object.keys(upstream).map((id) => [id, [path.join(raw, id, 'annotations.yaml')]]))).hashes
  const keys: Manifest = Object.fromEntries(Object.entries(upstream).map(([id, k]) => [id, keyOf(code, k, entityHash, notes[id])]))
  const outputOf = (id: string) => path.join(out, `${id}.json`)
  const stale = staleSources(out, keys, outputOf)
  fs.mkdirSync(out, { recursive: true })
  await runPool('03-assemble', { module: import.meta.url, ids: stale, options }, processSource)
  finishManifest(out, keys, outputOf)
  log('03-assemble', `${Object.keys(keys).length} source(s), ${stale.length} (re)done`)
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      ingest: { type: 'string', default: 'out/build/01-ingest' },
      extract: { type: 'string', default: 'out/build/02-extract' },
      raw: { type: 'string', default: 'raw' },
      entities: { type: 'string', default: 'raw/entities.json' },
      out: { type: 'string', default: 'out/build/03-assemble' },
    },
  })
  runStage('03-assemble', () => main(values as { ingest: string; extract: string; raw: string; entities: string; out: string }))
}
