/**
 * candidates: drafts raw/<source_id>/annotations.yaml for an article that has none, from the
 * extracted mentions and trigger words (pipeline/curate/triggers.json). The draft is marked
 * review.status: draft, which 03-assemble refuses until a person has reviewed it.
 * in:  raw/<source_id>/article.txt, raw/<source_id>/source.json, raw/entities.json
 * out: raw/<source_id>/annotations.yaml (never overwrites an existing file)
 */

import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { stringify } from 'yaml'
import { readEntityMatcher } from '../curate/entity-list.ts'
import { findAll } from '../curate/quotes.ts'
import triggers from '../curate/triggers.json' with { type: 'json' }
import { extractMentions, type Mention } from '../normalize/mentions.ts'
import type { Sentence } from '../normalize/text.ts'
import { writeFileAtomic } from '../store/files.ts'
import { isMain, log, runStage } from '../store/run.ts'
import { ingest, SAFE_SOURCE_ID } from '../store/sources.ts'
import type { SourceMeta } from '../store/stage-outputs.ts'
import { assertValid, readJsonValid } from '../store/validate.ts'

type Draft = Record<string, unknown>
const byLength = (a: { word: string }, b: { word: string }) => b.word.length - a.word.length
const EVENT_TRIGGERS = [...triggers.events].sort(byLength)
const FUNDING_TRIGGERS = [...triggers.funding].sort(byLength)

/** Draft annotations for one article (pure: text, mentions and sentences in, a document out). */
export function draftAnnotations(sourceId: string, text: string, sentences: Sentence[], mentions: Mention[]): Draft {
  const chars = Array.from(text)
  const events: Draft[] = []
  const funding: Draft[] = []
  const used = new Set<string>()
  const slug = (s: string) => s.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  sentences.forEach((s, i) => {
    const quote = chars.slice(s.start, s.end).join('').trim()
    if (quote.length < 4 || findAll(text, quote).length !== 1) return
    const inside = mentions.filter((m) => m.start >= s.start && m.end <= s.end)
    const entities = inside.filter((m) => m.kind === 'entity').map((m) => (m as Extract<Mention, { kind: 'entity' }>).entity_id)
    const money = inside.filter((m) => m.kind === 'money')
    const time = inside.find((m) => m.kind === 'time')
    const fundingTrigger = money.length ? FUNDING_TRIGGERS.find((t) => quote.includes(t.word)) : undefined
    const eventTrigger = EVENT_TRIGGERS.find((t) => quote.includes(t.word))
    const subject = entities[0] ?? 'unknown-entity'
    const base = { evidence: [{ quote }], ...(time ? {} : { undated: true }) }
    if (fundingTrigger) {
      const id = slug(`draft-${i + 1}-${fundingTrigger.type}-${subject}`)
      if (used.has(id)) return
      used.add(id)
      // "A从B获得" names the recipient first; "A投资B" names it last
      const receives = /从|获得/.test(quote)
      const recipient = (receives ? entities[0] : entities[entities.length - 1]) ?? subject
      const funders = [...new Set(entities.filter((e) => e !== recipient))]
      funding.push({
        id,
        type: fundingTrigger.type,
        status: 'announced',
        recipient,
        funders: funders.map((entity) => ({ entity })),
        funders_complete: false,
        ...base,
        ...(money.length > 1 ? { amount_quote: { quote: money[0].text } } : {}),
      })
    } else if (eventTrigger) {
      const id = slug(`draft-${i + 1}-${eventTrigger.type}-${subject}`)
      if (used.has(id)) return
      used.add(id)
      events.push({
        id,
        type: eventTrigger.type,
        subject,
        participants: [...new Set(entities.slice(1))].filter((e) => e !== subject).map((entity) => ({ entity, role: 'mentioned' })),
        summary_en: `TODO: summarize in English (trigger ${eventTrigger.word})`,
        summary_zh: quote,
        ...base,
        status: 'reported',
      })
    }
  })
  return { source_id: sourceId, review: { status: 'draft' }, events, funding, metrics: [] }
}

export function main({ source, raw, entities }: { source: string; raw: string; entities: string }): void {
  if (!SAFE_SOURCE_ID.test(source)) throw new Error(`candidates: SOURCE must be a source folder name of raw/ (letters, digits, _ and -), found "${source}"`)
  const dir = path.join(raw, source)
  const target = path.join(dir, 'annotations.yaml')
  if (fs.existsSync(target)) throw new Error(`${target} already exists: candidates never overwrites annotations (move it away to draft again)`)
  const meta = readJsonValid<SourceMeta>('source', path.join(dir, 'source.json'))
  const articleFile = path.join(dir, 'article.txt')
  const doc = ingest(meta, fs.readFileSync(articleFile), articleFile)
  const matcher = readEntityMatcher(entities)
  const draft = draftAnnotations(source, doc.text, doc.sentences, extractMentions(doc.text, { referenceDate: meta.published_on, entities: matcher }))
  assertValid('annotations', draft, target)
  const header =
    '# DRAFT made by `make candidates`: every record needs a person to check the type, entities, summaries\n# and quotes, then set review.status to reviewed. The build refuses drafts.\n'
  writeFileAtomic(target, header + stringify(draft, { lineWidth: 0 }))
  log('candidates', `${target}: ${(draft.events as unknown[]).length} event(s), ${(draft.funding as unknown[]).length} funding record(s) to review`)
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { source: { type: 'string', default: '' }, raw: { type: 'string', default: 'raw' }, entities: { type: 'string', default: 'raw/entities.json' } },
  })
  runStage('candidates', () => main(values as { source: string; raw: string; entities: string }))
}
