/**
 * 02-extract: normalized text -> mentions (times, money, numbers, entities) with code point offsets,
 * and the names the curated list lacks, proposed by entity discovery (their occurrences are entity
 * mentions too). Per source, cached (manifest.json) and run on every core when there are many.
 * in:  out/build/01-ingest/<source_id>.json, raw/entities.json (schemas/entities.schema.json)
 * out: out/build/02-extract/<source_id>.json, out/build/02-extract/manifest.json
 */

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { knownForms } from './curate/discover-entities.ts'
import { discoverIn } from './curate/discovered.ts'
import { readEntityList, readEntityMatcher } from './curate/entity-list.ts'
import type { EntityMatcher } from './normalize/entities.ts'
import { extractMentions } from './normalize/mentions.ts'
import { currencyForLocale } from './normalize/money.ts'
import { readJson, sha256, writeJsonAtomic } from './store/files.ts'
import { runStageCli, type StageOptions } from './store/layout.ts'
import { codeVersion, keyOf, type Manifest, readManifest, redoStale } from './store/manifest.ts'
import { isMain } from './store/run.ts'
import type { Extracted, Ingested } from './store/stage-outputs.ts'

/** This run's entity matcher: set by main, so a process that builds again never keeps an edited list; a pool worker loads it once. */
let matcher: EntityMatcher | undefined
let curated: { known: Set<string>; ids: Set<string> } | undefined
const curatedNames = (file: string) => {
  const list = readEntityList(file)
  return { known: knownForms(list), ids: new Set(list.map((e) => e.entity_id)) }
}

export function processSource(id: string, { input, entities, out }: StageOptions<'02-extract'>): void {
  const doc = readJson<Ingested>(path.join(input, `${id}.json`))
  matcher ??= readEntityMatcher(entities)
  curated ??= curatedNames(entities)
  // a bare 元 means the source's currency_default, else its locale's (zh-HK: HKD), else CNY
  const currencyDefault = doc.source.currency_default ?? currencyForLocale(doc.source.language)
  const found = extractMentions(doc.text, { referenceDate: doc.source.published_on, entities: matcher, currencyDefault })
  const { mentions, discovered } = discoverIn(doc.text, found, curated.known, curated.ids)
  writeJsonAtomic(path.join(out, `${id}.json`), { source_id: id, mentions, discovered } satisfies Extracted)
}

export async function main({ input, entities, out }: StageOptions<'02-extract'>): Promise<void> {
  matcher = readEntityMatcher(entities) // validates the entity list once, before any work
  curated = curatedNames(entities)
  const upstream = readManifest(input)
  const code = codeVersion(fileURLToPath(import.meta.url))
  const entityHash = sha256(fs.readFileSync(entities))
  const keys: Manifest = Object.fromEntries(Object.entries(upstream).map(([id, k]) => [id, keyOf(code, k, entityHash)]))
  const outputOf = (id: string) => path.join(out, `${id}.json`)
  await redoStale('02-extract', { out, keys, outputOf, module: import.meta.url, options: { input, entities, out } }, processSource)
}

if (isMain(import.meta.url)) runStageCli('02-extract', main)
