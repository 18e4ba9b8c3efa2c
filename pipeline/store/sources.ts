/**
 * The raw/ folder: one folder per source, each with a safe name, and an article's bytes read into
 * normalized text (strict UTF-8, NFC, LF) with its fingerprint and sentences.
 */
import fs from 'node:fs'
import path from 'node:path'
import { codePointLength, decodeUtf8, normalizeText, splitSentences, Utf8Error } from '../normalize/text.ts'
import { sha256 } from './files.ts'
import type { Ingested, SourceMeta } from './stage-outputs.ts'
import { DataError } from './validate.ts'

export const SAFE_SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/

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

const problem = (file: string, message: string) => new DataError(file, [{ pointer: '', line: null, message }])

/** A symbolic link under raw/ could make the build read (and publish) any file of the machine: refused, not followed or skipped. */
function refuseLink(file: string): void {
  if (!fs.lstatSync(file).isSymbolicLink()) return
  throw problem(file, `a symbolic link (to ${fs.readlinkSync(file)}); expected a plain file or folder inside raw/ (links are refused so nothing outside raw/ is read)`)
}

/** Source folders of raw/, each checked for a safe name; no entry of raw/ or of a source folder may be a symbolic link. */
export function listSources(rawDir: string): string[] {
  const entries = fs.readdirSync(rawDir, { withFileTypes: true })
  for (const d of entries) refuseLink(path.join(rawDir, d.name))
  return entries
    .filter((d) => d.isDirectory())
    .map((d) => {
      if (!SAFE_SOURCE_ID.test(d.name)) {
        throw problem(
          path.join(rawDir, d.name),
          `unsafe source folder name "${d.name}" (expected letters, digits, _ and -, at most 80, not starting with _ or -)`,
        )
      }
      for (const f of fs.readdirSync(path.join(rawDir, d.name))) refuseLink(path.join(rawDir, d.name, f))
      return d.name
    })
    .sort()
}
