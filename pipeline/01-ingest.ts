/**
 * 01-ingest: raw articles -> normalized text, fingerprint and sentences, with validated metadata.
 * Per source, cached by the hash of its files and of the code (_manifest.json), in parallel when many.
 * With --shard k/n, only the sources of that shard (store/layout.ts, shardOf).
 * in:  raw/<source_id>/article.txt, raw/<source_id>/source.json   (schemas/source.schema.json)
 * out: out/build/01-ingest/<source_id>.json, out/build/01-ingest/_manifest.json
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeJsonAtomic } from './store/files.ts'
import { inShard, runStageCli, type StageOptions } from './store/layout.ts'
import { type Changes, codeVersion, inputHashes, keyOf, redoStale, StageRun } from './store/manifest.ts'
import { isMain } from './store/run.ts'
import { ingest, listSourceFolders, refuseLinked, refuseOversized, SOURCE_FILES } from './store/sources.ts'
import type { SourceMeta } from './store/stage-outputs.ts'
import { DataError, readJsonValid } from './store/validate.ts'

const EXPECTED: Record<string, string> = { [SOURCE_FILES.meta]: 'the source metadata', [SOURCE_FILES.article]: 'the article text' }

function inputFiles(raw: string, id: string): { metaFile: string; articleFile: string } {
  return { metaFile: path.join(raw, id, SOURCE_FILES.meta), articleFile: path.join(raw, id, SOURCE_FILES.article) }
}

export function processSource(id: string, { raw, out }: StageOptions<'01-ingest'>): void {
  const { metaFile, articleFile } = inputFiles(raw, id)
  const meta = readJsonValid<SourceMeta>('source', metaFile)
  if (meta.source_id !== id)
    throw new DataError(metaFile, [{ pointer: '/source_id', line: null, message: `found "${meta.source_id}", expected the folder name "${id}"` }])
  writeJsonAtomic(path.join(out, `${id}.json`), ingest(meta, fs.readFileSync(articleFile), articleFile))
}

export async function main(
  { raw, out, shard = '' }: Omit<StageOptions<'01-ingest'>, 'shard'> & { shard?: string },
  changes?: Changes,
): Promise<ReadonlySet<string> | undefined> {
  // with a shard (k/n), only its sources: the later stages follow this stage's manifest
  const ids = inShard(listSourceFolders(raw), shard)
  const code = codeVersion(fileURLToPath(import.meta.url))
  const run = new StageRun(out, changes, keyOf(code, JSON.stringify({ raw, out, shard })))
  // the files of every source in a full check; of the changed ones (and new ones) when the build knows which changed
  const files = Object.fromEntries(ids.filter((id) => run.needsKey(id)).map((id) => [id, Object.values(inputFiles(raw, id))]))
  // before any file is read or hashed: a link, and an article over the limit, are refused by their stat alone
  const checks = (file: string, stat: fs.BigIntStats) => {
    refuseLinked(file, stat)
    if (path.basename(file) === SOURCE_FILES.article) refuseOversized(file, Number(stat.size))
  }
  const { hashes, missing } = inputHashes(out, files, checks, { cache: !run.dirty })
  if (missing.length) {
    const file = missing[0]
    throw new DataError(file, [{ pointer: '', line: null, message: `file not found (expected ${EXPECTED[path.basename(file)]})` }])
  }
  return redoStale(
    '01-ingest',
    run,
    {
      ids,
      keyOf: (id) => keyOf(code, hashes[id]),
      outputOf: (id) => path.join(out, `${id}.json`),
      inputOf: (id) => inputFiles(raw, id).articleFile,
      module: import.meta.url,
      options: { raw, out, shard },
    },
    processSource,
  )
}

if (isMain(import.meta.url)) runStageCli('01-ingest', main)
