/**
 * 02-extract: normalized text -> mentions (times, money, numbers, entities) with code point offsets,
 * and the names the curated list lacks, proposed by entity discovery (their occurrences are entity
 * mentions too). Per source, cached (_manifest.json) and run on every core when there are many.
 * in:  out/build/01-ingest/<source_id>.json, raw/entities.json (schemas/entities.schema.json)
 * out: out/build/02-extract/<source_id>.json, out/build/02-extract/_manifest.json
 */

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { articleMentions, type CuratedNames, curatedNames } from './curate/discovered.ts'
import { readEntityList } from './curate/entity-list.ts'
import { readJson, sha256, writeJsonAtomic } from './store/files.ts'
import { runStageCli, type StageOptions } from './store/layout.ts'
import { type Changes, codeVersion, keyOf, readManifest, redoStale, StageRun } from './store/manifest.ts'
import { isMain } from './store/run.ts'
import type { Extracted, Ingested } from './store/stage-outputs.ts'

/** This run's curated names: set by main, so a process that builds again never keeps an edited list; a pool worker loads them once. */
let curated: CuratedNames | undefined

export function processSource(id: string, { input, entities, out }: StageOptions<'02-extract'>): void {
  const doc = readJson<Ingested>(path.join(input, `${id}.json`))
  curated ??= curatedNames(readEntityList(entities))
  const { mentions, discovered } = articleMentions(doc.text, doc.source, curated)
  writeJsonAtomic(path.join(out, `${id}.json`), { source_id: id, mentions, discovered } satisfies Extracted)
}

export async function main({ input, entities, out }: StageOptions<'02-extract'>, changes?: Changes): Promise<ReadonlySet<string> | undefined> {
  curated = curatedNames(readEntityList(entities)) // validates the entity list once, before any work
  const upstream = readManifest(input)
  const code = codeVersion(fileURLToPath(import.meta.url))
  const entityHash = sha256(fs.readFileSync(entities))
  const run = new StageRun(out, changes, keyOf(code, entityHash, JSON.stringify({ input, entities, out })))
  return redoStale(
    '02-extract',
    run,
    {
      ids: Object.keys(upstream),
      keyOf: (id) => keyOf(code, upstream[id], entityHash),
      outputOf: (id) => path.join(out, `${id}.json`),
      inputOf: (id) => path.join(input, `${id}.json`),
      module: import.meta.url,
      options: { input, entities, out },
    },
    processSource,
  )
}

if (isMain(import.meta.url)) runStageCli('02-extract', main)
