/**
 * 02-extract: normalized text -> mentions (times, money, numbers, entities) with code point offsets.
 * in:  out/build/01-ingest/<source_id>.json, raw/entities.json (schemas/entities.schema.json)
 * out: out/build/02-extract/<source_id>.json
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Ingested } from './01-ingest.ts'
import { buildEntityMatcher, type Entity } from './lib/entities.ts'
import { extractMentions, type Mention } from './lib/extract.ts'
import { isMain, log, readJson, runStage, writeJsonAtomic } from './lib/io.ts'
import { readJsonValid } from './lib/validate.ts'

export interface Extracted {
  source_id: string
  mentions: Mention[]
}

export function main({ input, entities, out }: { input: string; entities: string; out: string }): void {
  const matcher = buildEntityMatcher(readJsonValid<{ entities: Entity[] }>('entities', entities).entities)
  const files = fs
    .readdirSync(input)
    .filter((f) => f.endsWith('.json'))
    .sort()
  for (const file of files) {
    const doc = readJson<Ingested>(path.join(input, file))
    const mentions = extractMentions(doc.text, { referenceDate: doc.source.published_on, entities: matcher })
    writeJsonAtomic(path.join(out, file), { source_id: doc.source.source_id, mentions } satisfies Extracted)
  }
  for (const stale of fs.existsSync(out) ? fs.readdirSync(out) : []) if (!files.includes(stale)) fs.rmSync(path.join(out, stale))
  log('02-extract', `${files.length} source(s)`)
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: 'out/build/01-ingest' },
      entities: { type: 'string', default: 'raw/entities.json' },
      out: { type: 'string', default: 'out/build/02-extract' },
    },
  })
  runStage('02-extract', () => main(values as { input: string; entities: string; out: string }))
}
