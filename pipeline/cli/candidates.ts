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
import { draftRecords } from '../curate/draft-records.ts'
import { readEntityMatcher } from '../curate/entity-list.ts'
import { extractMentions } from '../normalize/mentions.ts'
import { writeFileAtomic } from '../store/files.ts'
import { isMain, log, runStage, UserError } from '../store/run.ts'
import { ingest, SAFE_SOURCE_ID } from '../store/sources.ts'
import type { SourceMeta } from '../store/stage-outputs.ts'
import { assertValid, readJsonValid } from '../store/validate.ts'

export function main({ source, raw, entities }: { source: string; raw: string; entities: string }): void {
  if (!SAFE_SOURCE_ID.test(source)) throw new UserError(`candidates: SOURCE must be a source folder name of raw/ (letters, digits, _ and -), found "${source}"`)
  const dir = path.join(raw, source)
  const target = path.join(dir, 'annotations.yaml')
  if (fs.existsSync(target)) throw new UserError(`${target} already exists: candidates never overwrites annotations (move it away to draft again)`)
  const meta = readJsonValid<SourceMeta>('source', path.join(dir, 'source.json'))
  const articleFile = path.join(dir, 'article.txt')
  const doc = ingest(meta, fs.readFileSync(articleFile), articleFile)
  const matcher = readEntityMatcher(entities)
  const mentions = extractMentions(doc.text, { referenceDate: meta.published_on, entities: matcher })
  const draft = {
    ...draftRecords({ sourceId: source, text: doc.text, sentences: doc.sentences, mentions, publishedOn: meta.published_on }),
    review: { status: 'draft' },
  }
  assertValid('annotations', draft, target)
  const header =
    '# DRAFT made by `make candidates`: every record needs a person to check the type, entities, summaries\n# and quotes, then set review.status to reviewed. The build refuses drafts.\n'
  writeFileAtomic(target, header + stringify(draft, { lineWidth: 0 }))
  log('candidates', `${target}: ${draft.events.length} event(s), ${draft.funding.length} funding record(s) to review`)
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { source: { type: 'string', default: '' }, raw: { type: 'string', default: 'raw' }, entities: { type: 'string', default: 'raw/entities.json' } },
  })
  runStage('candidates', () => main(values as { source: string; raw: string; entities: string }))
}
