/**
 * What each per-source stage writes for the next (out/build/<stage>/<source_id>.json), in one place
 * so that no stage imports another.
 */
import type { EntityProposal } from '../curate/discover-entities.ts'
import type { Mention } from '../normalize/mentions.ts'
import type { Sentence } from '../normalize/text.ts'
import type { Source } from './schema-types.ts'

/** raw/<source_id>/source.json, as schemas/source.schema.json describes it */
export type SourceMeta = Source

/** A dataset row before validation: column name to value. */
export type Row = Record<string, unknown>

/** 01-ingest: the article's normalized text, fingerprint and sentences, with its metadata. */
export interface Ingested {
  source_id: string
  source: SourceMeta
  text: string
  text_sha256: string
  char_count: number
  sentences: Sentence[]
}

/** 02-extract: every mention the normalizers find in the text, and the names discovery proposes (curate/discover-entities.ts). */
export interface Extracted {
  source_id: string
  mentions: Mention[]
  discovered: EntityProposal[]
}

/** A machine-tier record 03-assemble left out of the dataset, and why: listed in the build report. */
export interface LeftOut {
  table: 'events' | 'funding' | 'metrics'
  record_id: string
  reasons: string[]
}

/** 03-assemble: the source's records, one array per table, and the machine records left out. */
export interface Assembled {
  source_id: string
  events: Row[]
  event_participants: Row[]
  funding: Row[]
  funders: Row[]
  metrics: Row[]
  evidence: Row[]
  left_out: LeftOut[]
}
