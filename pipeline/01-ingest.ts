/**
 * 01-ingest: raw articles -> normalized text, fingerprint and sentences, with validated metadata.
 * Per source, cached by the hash of its files and of the code (manifest.json), in parallel when many.
 * in:  raw/<source_id>/article.txt, raw/<source_id>/source.json   (schemas/source.schema.json)
 * out: out/build/01-ingest/<source_id>.json, out/build/01-ingest/manifest.json
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { codeVersion, inputHashes, keyOf, type Manifest, redoStale } from './lib/incremental.ts'
import { isMain, sha256, writeJsonAtomic } from './lib/io.ts'
import { runStageCli } from './lib/layout.ts'
import type { Source } from './lib/schema-types.ts'
import { codePointLength, decodeUtf8, Utf8Error } from './lib/text.ts'
import { DataError, readJsonValid } from './lib/validate.ts'

/** raw/<source_id>/source.json, as schemas/source.schema.json describes it */
export type SourceMeta = Source
export interface Sentence {
  start: number
  end: number
}
export interface Ingested {
  source_id: string
  source: SourceMeta
  text: string
  text_sha256: string
  char_count: number
  sentences: Sentence[]
}

export const SAFE_SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/

/** Sentences end at 。！？!? or a line break; offsets in code points, end-exclusive, trailing breaks left out. */
export function splitSentences(text: string): Sentence[] {
  const chars = Array.from(text)
  const out: Sentence[] = []
  let start = 0
  for (let i = 0; i <= chars.length; i++) {
    const c = chars[i]
    const isEnd = i === chars.length || c === '\n' || '。！？!?'.includes(c)
    if (!isEnd) continue
    const end = c === '\n' || i === chars.length ? i : i + 1
    if (chars.slice(start, end).join('').trim() !== '') out.push({ start, end })
    start = i + 1
  }
  return out
}

export function normalizeText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').normalize('NFC')
}

export function ingest(meta: SourceMeta, bytes: Uint8Array, articleFile: string): Ingested {
  let decoded: string
  try {
    decoded = decodeUtf8(bytes)
  } catch (err) {
    if (err instanceof Utf8Error) throw new DataError(articleFile, [{ pointer: '', line: null, message: `${err.message} (expected UTF-8 text)` }])
    throw err
  }
  const text = normalizeText(decoded.replace(/^\uFEFF/, ''))
  if (text.trim() === '') throw new DataError(articleFile, [{ pointer: '', line: null, message: 'the article is empty (expected the text of a news article)' }])
  return { source_id: meta.source_id, source: meta, text, text_sha256: sha256(text), char_count: codePointLength(text), sentences: splitSentences(text) }
}

/** Source folders of raw/, each checked for a safe name. */
export function listSources(rawDir: string): string[] {
  return fs
    .readdirSync(rawDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      if (!SAFE_SOURCE_ID.test(d.name)) {
        throw new DataError(path.join(rawDir, d.name), [
          {
            pointer: '',
            line: null,
            message: `unsafe source folder name "${d.name}" (expected letters, digits, _ and -, at most 80, not starting with _ or -)`,
          },
        ])
      }
      return d.name
    })
    .sort()
}

const EXPECTED: Record<string, string> = { 'source.json': 'the source metadata', 'article.txt': 'the article text' }

function inputFiles(raw: string, id: string): { metaFile: string; articleFile: string } {
  return { metaFile: path.join(raw, id, 'source.json'), articleFile: path.join(raw, id, 'article.txt') }
}

export function processSource(id: string, options: Record<string, unknown>): void {
  const { raw, out } = options as { raw: string; out: string }
  const { metaFile, articleFile } = inputFiles(raw, id)
  const meta = readJsonValid<SourceMeta>('source', metaFile)
  if (meta.source_id !== id)
    throw new DataError(metaFile, [{ pointer: '/source_id', line: null, message: `found "${meta.source_id}", expected the folder name "${id}"` }])
  writeJsonAtomic(path.join(out, `${id}.json`), ingest(meta, fs.readFileSync(articleFile), articleFile))
}

export async function main({ raw, out }: { raw: string; out: string }): Promise<void> {
  const ids = listSources(raw)
  const code = codeVersion(fileURLToPath(import.meta.url))
  const files = Object.fromEntries(ids.map((id) => [id, Object.values(inputFiles(raw, id))]))
  const { hashes, missing } = inputHashes(out, files)
  if (missing.length) {
    const file = missing[0]
    throw new DataError(file, [{ pointer: '', line: null, message: `file not found (expected ${EXPECTED[path.basename(file)]})` }])
  }
  const keys: Manifest = Object.fromEntries(ids.map((id) => [id, keyOf(code, hashes[id])]))
  const outputOf = (id: string) => path.join(out, `${id}.json`)
  await redoStale('01-ingest', { out, keys, outputOf, module: import.meta.url, options: { raw, out } }, processSource)
}

if (isMain(import.meta.url)) runStageCli('01-ingest', main)
