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
import type { Entity } from './curate/entity-list.ts'
import { readEntityList } from './curate/entity-list.ts'
import { Problems, SourceRecords } from './curate/records.ts'
import type { Mention } from './normalize/mentions.ts'
import { readJson, sha256, writeJsonAtomic } from './store/files.ts'
import { runStageCli, type StageOptions } from './store/layout.ts'
import { codeVersion, inputHashes, keyOf, type Manifest, readManifest, redoStale } from './store/manifest.ts'
import { isMain } from './store/run.ts'
import type { Annotations, AnnotationsEvent as EventNote, AnnotationsFunding as FundingNote, AnnotationsMetric as MetricNote } from './store/schema-types.ts'
import type { Assembled, Extracted, Ingested } from './store/stage-outputs.ts'
import { DataError, readYamlValid } from './store/validate.ts'

export function assemble(doc: Ingested, mentions: Mention[], notes: Annotations, entities: Map<string, Entity>, problems: Problems): Assembled {
  const src = new SourceRecords(doc, mentions, entities, problems)
  const out: Assembled = { source_id: doc.source.source_id, events: [], event_participants: [], funding: [], funders: [], metrics: [], evidence: [] }

  notes.events.forEach((e: EventNote, i) => {
    const p = `/events/${i}`
    src.claim(e.id, p)
    const spans = src.spans(e.evidence, p)
    const row = {
      event_id: e.id,
      event_type: e.type,
      subject_id: src.entity(e.subject, `${p}/subject`),
      summary_en: e.summary_en,
      summary_zh: e.summary_zh,
      ...src.date(e, spans, p),
      status: e.status,
      attributed_to: src.entity(e.attributed_to, `${p}/attributed_to`),
      source_count: 1,
      notes: null,
    }
    out.events.push(src.override(row, e.overrides, p))
    out.event_participants.push({ event_id: e.id, entity_id: e.subject, role: 'subject' })
    e.participants?.forEach((x, k) => {
      src.entity(x.entity, `${p}/participants/${k}/entity`)
      if (x.entity !== e.subject || x.role !== 'subject') out.event_participants.push({ event_id: e.id, entity_id: x.entity, role: x.role })
    })
    out.evidence.push(...src.evidence('events', e.id, spans))
  })

  notes.funding.forEach((f: FundingNote, i) => {
    const p = `/funding/${i}`
    src.claim(f.id, p)
    const spans = src.spans(f.evidence, p)
    const m = src.money(src.where(f.amount_quote, `${p}/amount_quote`, spans), `${p}/evidence`)
    if (f.status === 'claimed' && !f.attributed_to) problems.add(`${p}/attributed_to`, 'a claimed record needs attributed_to (who claims it)')
    const row = {
      funding_id: f.id,
      event_id: f.event ?? null,
      funding_type: f.type,
      round: f.round ?? null,
      status: f.status,
      recipient_id: src.entity(f.recipient, `${p}/recipient`),
      funder_names: f.funders.map((x) => src.nameOf(x.entity)).join('; '),
      funders_complete: f.funders_complete,
      amount: m?.amount ?? null,
      currency: m?.currency ?? null,
      amount_qualifier: m?.amount_qualifier ?? null,
      amount_low: m?.amount_low ?? null,
      amount_high: m?.amount_high ?? null,
      amount_usd: m?.currency === 'USD' ? m.amount : null,
      ...src.date(f, spans, p),
      attributed_to: src.entity(f.attributed_to, `${p}/attributed_to`),
      notes: null,
    }
    out.funding.push(src.override(row, f.overrides, p))
    f.funders.forEach((x, k) => {
      src.entity(x.entity, `${p}/funders/${k}/entity`)
      out.funders.push({ funding_id: f.id, entity_id: x.entity, is_lead: x.lead ?? false })
    })
    out.evidence.push(...src.evidence('funding', f.id, spans))
  })

  notes.metrics.forEach((x: MetricNote, i) => {
    const p = `/metrics/${i}`
    src.claim(x.id, p)
    const spans = src.spans(x.evidence, p)
    const valueSpans = src.where(x.value_quote, `${p}/value_quote`, spans)
    const money = src.inside(valueSpans, 'money')
    const numbers = src.inside(valueSpans, 'number')
    const figures = money.length ? money : numbers
    if (figures.length !== 1) {
      const found = figures.length ? ` (${figures.map((c) => c.text).join(', ')}); add value_quote` : ''
      problems.add(`${p}/evidence`, `expected exactly one figure in the evidence, found ${figures.length}${found}`)
    }
    const [mm, nn] = [money[0], numbers[0]]
    const row = {
      metric_id: x.id,
      subject_id: src.entity(x.subject, `${p}/subject`),
      measure: x.measure,
      value: mm ? mm.amount : (nn?.number_value ?? null),
      value_low: mm ? mm.amount_low : (nn?.number_low ?? null),
      value_high: mm ? mm.amount_high : (nn?.number_high ?? null),
      unit: mm ? mm.currency : (x.unit ?? (nn?.number_unit === 'multiple' ? 'times' : nn?.number_unit) ?? 'count'),
      qualifier: mm ? mm.amount_qualifier : (nn?.number_qualifier ?? 'exact'),
      ...src.date(x, spans, p),
      status: x.status,
      attributed_to: src.entity(x.attributed_to, `${p}/attributed_to`),
      event_id: x.event ?? null,
      notes: null,
    }
    out.metrics.push(src.override(row, x.overrides, p))
    out.evidence.push(...src.evidence('metrics', x.id, spans))
  })
  return out
}

/** This run's entities by id: set by main, so a process that builds again never keeps an edited list; a pool worker loads them once. */
let known: Map<string, Entity> | undefined
const knownEntities = (file: string) => new Map(readEntityList(file).map((e) => [e.entity_id, e]))

const NO_ANNOTATIONS = 'file not found (expected the curated annotations; make candidates SOURCE=<id> drafts one)'

export function processSource(id: string, { ingest, extract, raw, entities, out }: StageOptions<'03-assemble'>): void {
  const doc = readJson<Ingested>(path.join(ingest, `${id}.json`))
  const { mentions } = readJson<Extracted>(path.join(extract, `${id}.json`))
  const notesFile = path.join(raw, id, 'annotations.yaml')
  const { value: notes, lineOf } = readYamlValid<Annotations>('annotations', notesFile, NO_ANNOTATIONS)
  const problems = new Problems(lineOf)
  if (notes.source_id !== id) problems.add('/source_id', `found "${notes.source_id}", expected "${id}"`)
  if (notes.review.status !== 'reviewed')
    problems.add('/review/status', 'found "draft": a person must review the draft and set status: reviewed before it is built')
  known ??= knownEntities(entities)
  const assembled = assemble(doc, mentions, notes, known, problems)
  if (problems.list.length) throw new DataError(notesFile, problems.list)
  writeJsonAtomic(path.join(out, `${id}.json`), assembled)
}

export async function main(options: StageOptions<'03-assemble'>): Promise<void> {
  const { extract, raw, entities, out } = options
  known = knownEntities(entities)
  const code = codeVersion(fileURLToPath(import.meta.url))
  const entityHash = sha256(fs.readFileSync(entities))
  const upstream = readManifest(extract)
  const notes = inputHashes(out, Object.fromEntries(Object.keys(upstream).map((id) => [id, [path.join(raw, id, 'annotations.yaml')]]))).hashes
  const keys: Manifest = Object.fromEntries(Object.entries(upstream).map(([id, k]) => [id, keyOf(code, k, entityHash, notes[id])]))
  const outputOf = (id: string) => path.join(out, `${id}.json`)
  await redoStale('03-assemble', { out, keys, outputOf, module: import.meta.url, options }, processSource)
}

if (isMain(import.meta.url)) runStageCli('03-assemble', main)
