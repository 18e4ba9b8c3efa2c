/**
 * 03-assemble: curated annotations + extracted mentions -> event, funding and metric records.
 * The curator states what happened; amounts and dates come from the mentions inside the quoted
 * evidence (dates: inside it, or inside date_quote), changed only by overrides with a reason.
 * A source with no annotations is drafted by the rules (curate/draft-records.ts) into the machine
 * tier instead: each draft record kept only when it has no problem, the others listed as left out.
 * in:  out/build/01-ingest/<source_id>.json, out/build/02-extract/<source_id>.json,
 *      raw/<source_id>/annotations.yaml when curated (schemas/annotations.schema.json), raw/entities.json
 * out: out/build/03-assemble/<source_id>.json
 */

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { proposalEntity } from './curate/discovered.ts'
import { draftRecords } from './curate/draft-records.ts'
import type { Entity } from './curate/entity-list.ts'
import { readEntityList } from './curate/entity-list.ts'
import { Problems, SourceRecords } from './curate/records.ts'
import type { Mention } from './normalize/mentions.ts'
import { readJson, readJsonLazy, sha256, writeJsonAtomic } from './store/files.ts'
import { runStageCli, type StageOptions } from './store/layout.ts'
import { type Changes, codeVersion, inputHashes, keyOf, readManifest, redoStale, StageRun } from './store/manifest.ts'
import { collect } from './store/memory.ts'
import { isMain } from './store/run.ts'
import type { Annotations, AnnotationsEvent as EventNote, AnnotationsFunding as FundingNote, AnnotationsMetric as MetricNote } from './store/schema-types.ts'
import { refuseLinked, SOURCE_FILES } from './store/sources.ts'
import type { Assembled, Extracted, Ingested, LeftOut } from './store/stage-outputs.ts'
import { DataError, readYamlValid } from './store/validate.ts'

export type Tier = 'reviewed' | 'machine'

export function assemble(
  doc: Ingested,
  mentions: Mention[],
  notes: Annotations,
  entities: Map<string, Entity>,
  problems: Problems,
  tier: Tier = 'reviewed',
): Assembled {
  const src = new SourceRecords(doc, mentions, entities, problems)
  const out = emptyAssembled(doc.source.source_id)

  notes.events.forEach((e: EventNote, i) => {
    const p = `/events/${i}`
    src.claim(e.id, p)
    src.placeholders(e, p)
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
      review_status: tier,
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
    src.placeholders(f, p)
    if (f.funders.length === 0 && f.funders_complete)
      problems.add(`${p}/funders`, 'no funders named, but funders_complete is true (expected the funders, or funders_complete: false when the text names none)')
    const spans = src.spans(f.evidence, p)
    // no_amount: a flow the text reports without its size (金额未披露) has null money columns, and no amount is looked for
    if (f.no_amount && f.amount_quote) problems.add(`${p}/no_amount`, 'no_amount is true, but amount_quote says where the amount is (expected one of the two)')
    const m = f.no_amount ? undefined : src.money(src.where(f.amount_quote, `${p}/amount_quote`, spans), `${p}/evidence`)
    if (f.status === 'claimed' && !f.attributed_to) problems.add(`${p}/attributed_to`, 'a claimed record needs attributed_to (who claims it)')
    const row = {
      funding_id: f.id,
      event_id: f.event ?? null,
      funding_type: f.type,
      round: f.round ?? null,
      status: f.status,
      recipient_id: src.entity(f.recipient, `${p}/recipient`),
      funder_names: f.funders.length ? f.funders.map((x) => src.nameOf(x.entity)).join('; ') : null,
      funders_complete: f.funders_complete,
      amount: m?.amount ?? null,
      currency: m?.currency ?? null,
      amount_qualifier: m?.amount_qualifier ?? null,
      amount_low: m?.amount_low ?? null,
      amount_high: m?.amount_high ?? null,
      amount_usd: m?.currency === 'USD' ? m.amount : null,
      // other currencies are converted by the model, which holds the rates (data/fx/)
      amount_low_usd: m?.currency === 'USD' ? m.amount_low : null,
      amount_high_usd: m?.currency === 'USD' ? m.amount_high : null,
      usd_rate: null,
      usd_rate_period: null,
      ...src.date(f, spans, p),
      attributed_to: src.entity(f.attributed_to, `${p}/attributed_to`),
      notes: null,
      review_status: tier,
    }
    out.funding.push(src.override(row, f.overrides, p))
    src.notAfterPublication(row, `${p}/status`)
    f.funders.forEach((x, k) => {
      src.entity(x.entity, `${p}/funders/${k}/entity`)
      out.funders.push({ funding_id: f.id, entity_id: x.entity, is_lead: x.lead ?? false })
    })
    out.evidence.push(...src.evidence('funding', f.id, spans))
  })

  notes.metrics.forEach((x: MetricNote, i) => {
    const p = `/metrics/${i}`
    src.claim(x.id, p)
    src.placeholders(x, p)
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
      review_status: tier,
    }
    out.metrics.push(src.override(row, x.overrides, p))
    out.evidence.push(...src.evidence('metrics', x.id, spans))
  })
  return out
}

const RECORD_TABLES = ['events', 'event_participants', 'funding', 'funders', 'metrics', 'evidence'] as const

function emptyAssembled(sourceId: string): Assembled {
  return { source_id: sourceId, events: [], event_participants: [], funding: [], funders: [], metrics: [], evidence: [], left_out: [] }
}

/** Record ids of the machine tier start with the source's slug, so two articles' drafts never merge by accident. */
export function machineId(sourceId: string, id: string): string {
  return `m-${sourceId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${id}`
}

/**
 * The machine tier: each drafted record is assembled on its own, by the same rules as a curator's,
 * and kept only when it has no problem at all; otherwise it is left out with its reasons (pointers
 * into the draft), and so is a funding or metric record whose event was left out. Never throws for
 * a bad draft: a machine record that cannot be read with confidence is not published.
 */
export function assembleMachine(doc: Ingested, mentions: Mention[], draft: Annotations, entities: Map<string, Entity>): Assembled {
  const sourceId = doc.source.source_id
  const out = emptyAssembled(sourceId)
  const id = (x: string) => machineId(sourceId, x)
  const keptEvents = new Set<string>()
  const one = (table: LeftOut['table'], index: number, recordId: string, notes: Partial<Annotations>): boolean => {
    const problems = new Problems(() => null)
    const doc1 = { source_id: sourceId, review: { status: 'reviewed' }, events: [], funding: [], metrics: [], ...notes } as Annotations
    const rows = assemble(doc, mentions, doc1, entities, problems, 'machine')
    // a claim the text attributes to no one it names (据悉, 消息人士) is published as a claim of unnamed sources: attributed_to null
    const list = problems.list.filter((x) => !/\/attributed_to$/.test(x.pointer) || !/needs attributed_to/.test(x.message))
    if (list.length) {
      const reasons = list.map((x) => `${x.pointer.replace(`/${table}/0`, `/${table}/${index}`)} ${x.message}`)
      out.left_out.push({ table, record_id: id(recordId), reasons })
      return false
    }
    for (const t of RECORD_TABLES) out[t].push(...rows[t])
    return true
  }
  const leftWithEvent = (table: LeftOut['table'], recordId: string, event: string | undefined): boolean => {
    if (event === undefined || keptEvents.has(event)) return false
    out.left_out.push({ table, record_id: id(recordId), reasons: [`its event ${id(event)} was left out`] })
    return true
  }
  draft.events.forEach((e, i) => {
    if (one('events', i, e.id, { events: [{ ...e, id: id(e.id) }] })) keptEvents.add(e.id)
  })
  draft.funding.forEach((f, i) => {
    if (!leftWithEvent('funding', f.id, f.event)) one('funding', i, f.id, { funding: [{ ...f, id: id(f.id), ...(f.event ? { event: id(f.event) } : {}) }] })
  })
  draft.metrics.forEach((x, i) => {
    if (!leftWithEvent('metrics', x.id, x.event)) one('metrics', i, x.id, { metrics: [{ ...x, id: id(x.id), ...(x.event ? { event: id(x.event) } : {}) }] })
  })
  return out
}

/** Characters from which an article's drafting collects its garbage as it goes (a full collection costs tens of milliseconds). */
const LARGE_TEXT = 300_000

/** This run's entities by id: set by main, so a process that builds again never keeps an edited list; a pool worker loads them once. */
let known: Map<string, Entity> | undefined
const knownEntities = (file: string) => new Map(readEntityList(file).map((e) => [e.entity_id, e]))

export function processSource(id: string, { ingest, extract, raw, entities, out }: StageOptions<'03-assemble'>): void {
  const doc = readJson<Ingested>(path.join(ingest, `${id}.json`))
  // element by element: the file as one string would cost twice its size on top of the mentions
  const extracted = readJsonLazy<Extracted>(path.join(extract, `${id}.json`))
  const [mentions, discovered] = [[...extracted.mentions], [...extracted.discovered]]
  const notesFile = path.join(raw, id, SOURCE_FILES.annotations)
  known ??= knownEntities(entities)
  if (!fs.existsSync(notesFile)) {
    // the machine tier may name what discovery found in this article; a curator's file names only the curated list
    const withDiscovered = new Map([...known, ...discovered.map((p) => [p.entity_id, proposalEntity(p)] as const)])
    const names = (e: string) => {
      const x = withDiscovered.get(e)
      return x && { en: x.name_en, zh: x.name_zh }
    }
    const input = { sourceId: id, text: doc.text, sentences: doc.sentences, mentions, publishedOn: doc.source.published_on, names }
    // a large article's reading and drafting leave hundreds of MB of garbage that V8 would let the heap grow with
    const large = doc.text.length >= LARGE_TEXT
    if (large) collect()
    const { document: draft } = draftRecords(input)
    if (large) collect()
    const assembled = assembleMachine(doc, mentions, draft, withDiscovered)
    if (large) collect()
    writeJsonAtomic(path.join(out, `${id}.json`), assembled)
    return
  }
  const { value: notes, lineOf } = readYamlValid<Annotations>('annotations', notesFile)
  const problems = new Problems(lineOf)
  if (notes.source_id !== id) problems.add('/source_id', `found "${notes.source_id}", expected "${id}"`)
  if (notes.review.status !== 'reviewed')
    problems.add('/review/status', 'found "draft": a person must review the draft and set status: reviewed before it is built')
  const assembled = assemble(doc, mentions, notes, known, problems)
  if (problems.list.length) throw new DataError(notesFile, problems.list)
  writeJsonAtomic(path.join(out, `${id}.json`), assembled)
}

export async function main(options: StageOptions<'03-assemble'>, changes?: Changes): Promise<ReadonlySet<string> | undefined> {
  const { extract, raw, entities, out } = options
  known = knownEntities(entities)
  const code = codeVersion(fileURLToPath(import.meta.url))
  const entityHash = sha256(fs.readFileSync(entities))
  const upstream = readManifest(extract)
  const run = new StageRun(out, changes, keyOf(code, entityHash, JSON.stringify(options)))
  const ids = Object.keys(upstream)
  const notesOf = Object.fromEntries(ids.filter((id) => run.needsKey(id)).map((id) => [id, [path.join(raw, id, SOURCE_FILES.annotations)]]))
  const notes = inputHashes(out, notesOf, refuseLinked, { cache: !run.dirty }).hashes
  return redoStale(
    '03-assemble',
    run,
    {
      ids,
      keyOf: (id) => keyOf(code, upstream[id], entityHash, notes[id]),
      outputOf: (id) => path.join(out, `${id}.json`),
      inputOf: (id) => path.join(extract, `${id}.json`),
      module: import.meta.url,
      options,
    },
    processSource,
  )
}

if (isMain(import.meta.url)) runStageCli('03-assemble', main)
