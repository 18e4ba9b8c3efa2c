/**
 * candidates: drafts raw/<source_id>/annotations.yaml for an article that has none, with
 * draftRecords (pipeline/curate/draft-records.ts: funding, metrics and events read from the
 * constructions of the text, cues in pipeline/curate/draft-cues.json). The draft is marked
 * review.status: draft, which 03-assemble refuses until a person has reviewed it; what the drafter
 * could not use, and what the reviewer must settle, are written as comments.
 * in:  raw/<source_id>/article.txt, raw/<source_id>/source.json, raw/entities.json
 * out: raw/<source_id>/annotations.yaml (never overwrites an existing file)
 */

import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Document } from 'yaml'
import type { EntityProposal } from '../curate/discover-entities.ts'
import { articleMentions, curatedNames, proposalEntity } from '../curate/discovered.ts'
import { type Draft, draftRecords } from '../curate/draft-records.ts'
import { readEntityList } from '../curate/entity-list.ts'
import { writeFileAtomic } from '../store/files.ts'
import { isMain, log, runStage, UserError } from '../store/run.ts'
import { ingest, SAFE_SOURCE_ID } from '../store/sources.ts'
import type { SourceMeta } from '../store/stage-outputs.ts'
import { assertValid, readJsonValid } from '../store/validate.ts'

const HEADER =
  '# DRAFT made by `make candidates`: every record needs a person to check the type, entities, summaries\n# and quotes, then set review.status to reviewed. The build refuses drafts.\n'

/** The draft as YAML: the reviewer's notes above their records, the skipped cues at the top. */
/** The names discovery proposes, as entries ready to paste into raw/entities.json (one edit accepts them). */
export function proposalsComment(proposals: EntityProposal[]): string {
  if (!proposals.length) return ''
  const lines = proposals.map((p) => `#   ${JSON.stringify(proposalEntity(p))},\n`).join('')
  return `# Names raw/entities.json lacks (entity discovery; the records below use these ids). To accept them,\n# paste these entries into its "entities" array, after checking each name, type and description:\n${lines}`
}

export function draftYaml({ document, skipped, notes }: Draft, proposals: EntityProposal[] = []): string {
  const doc = new Document(document, { aliasDuplicateObjects: false })
  for (const list of ['events', 'funding', 'metrics'] as const)
    document[list].forEach((r, i) => {
      const node = doc.getIn([list, i], true) as { commentBefore?: string } | undefined
      if (notes[r.id] && node) node.commentBefore = ` REVIEW: ${notes[r.id]}`
    })
  const skips = skipped.map((s) => `#   line ${s.line} (${s.kind}): ${s.reason}: "${s.quote}"\n`).join('')
  return `${HEADER}${proposalsComment(proposals)}${skipped.length ? `# Not drafted (${skipped.length}):\n${skips}` : ''}${doc.toString({ lineWidth: 0 })}`
}

export function main({ source, raw, entities }: { source: string; raw: string; entities: string }): void {
  if (!SAFE_SOURCE_ID.test(source)) throw new UserError(`candidates: SOURCE must be a source folder name of raw/ (letters, digits, _ and -), found "${source}"`)
  const dir = path.join(raw, source)
  const target = path.join(dir, 'annotations.yaml')
  if (fs.existsSync(target)) throw new UserError(`${target} already exists: candidates never overwrites annotations (move it away to draft again)`)
  const meta = readJsonValid<SourceMeta>('source', path.join(dir, 'source.json'))
  const articleFile = path.join(dir, 'article.txt')
  const doc = ingest(meta, fs.readFileSync(articleFile), articleFile)
  const list = readEntityList(entities)
  // as 02-extract does: names the list lacks are discovered, and the draft may name them
  const { mentions, discovered } = articleMentions(doc.text, meta, curatedNames(list))
  const byId = new Map([...list, ...discovered.map(proposalEntity)].map((e) => [e.entity_id, { en: e.name_en, zh: e.name_zh }]))
  const draft = draftRecords({
    sourceId: source,
    text: doc.text,
    sentences: doc.sentences,
    mentions,
    publishedOn: meta.published_on,
    names: (id) => byId.get(id),
  })
  assertValid('annotations', draft.document, target)
  writeFileAtomic(target, draftYaml(draft, discovered))
  const { events, funding, metrics } = draft.document
  log(
    'candidates',
    `${target}: ${events.length} event(s), ${funding.length} funding and ${metrics.length} metric record(s) to review; ${draft.skipped.length} cue(s) not drafted`,
  )
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { source: { type: 'string', default: '' }, raw: { type: 'string', default: 'raw' }, entities: { type: 'string', default: 'raw/entities.json' } },
  })
  runStage('candidates', () => main(values as { source: string; raw: string; entities: string }))
}
