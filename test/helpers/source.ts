/** A source.json for tests of one article: every field null but the id and the language, unless given. */
import type { SourceMeta } from '../../pipeline/store/stage-outputs.ts'

export function sourceMeta(fields: Partial<SourceMeta> & Pick<SourceMeta, 'source_id'>): SourceMeta {
  return {
    title: null,
    publisher: null,
    url: null,
    language: 'zh-Hans',
    published_on: null,
    retrieved_on: null,
    rights: null,
    notes: null,
    ...fields,
  }
}
