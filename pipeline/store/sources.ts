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

/**
 * The files the build reads in a source folder: 01-ingest the metadata and the article, 03-assemble the
 * annotations when a curator wrote them. make dataset's signature of raw/ (store/input-signature.pl) lstats
 * exactly these and no other file of the folder, so a stage that reads a file of a source folder names it here,
 * and the signature's list follows (test/store/input-signature.test.ts compares the two).
 */
export const SOURCE_FILES = { meta: 'source.json', article: 'article.txt', annotations: 'annotations.yaml' } as const

export const SAFE_SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/

/**
 * The largest article accepted: 10 MB, a hundred times a long feature. Every step is linear in the
 * article (mentions sorted once, quotes found through a suffix array, records streamed to disk), and
 * a mention-dense article of this size builds in under 1 GB (measured by `make bench-large`, see
 * BENCHMARKS.md); anything larger is refused before any work, with its size.
 */
export const MAX_ARTICLE_BYTES = 10 * 1024 * 1024

/** Control characters other than tab, LF and CR (C0, DEL and C1): never part of a news text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this expression is for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

/** Refuses an article larger than MAX_ARTICLE_BYTES, naming it with its size. */
export function refuseOversized(articleFile: string, bytes = fs.statSync(articleFile, { throwIfNoEntry: false })?.size ?? 0): void {
  if (bytes > MAX_ARTICLE_BYTES)
    throw new DataError(articleFile, [
      { pointer: '', line: null, message: `the article is ${bytes} bytes (expected at most ${MAX_ARTICLE_BYTES}, 10 MB: one news article, however long)` },
    ])
}

export function ingest(meta: SourceMeta, bytes: Uint8Array, articleFile: string): Ingested {
  refuseOversized(articleFile, bytes.length)
  let decoded: string
  try {
    decoded = decodeUtf8(bytes)
  } catch (err) {
    if (err instanceof Utf8Error) throw new DataError(articleFile, [{ pointer: '', line: null, message: `${err.message} (expected UTF-8 text)` }])
    throw err
  }
  const control = CONTROL.exec(decoded)
  if (control) {
    const before = decoded.slice(0, control.index)
    const line = before.split('\n').length
    const column = Array.from(before.slice(before.lastIndexOf('\n') + 1)).length + 1
    const code = `U+${control[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`
    throw new DataError(articleFile, [
      { pointer: '', line, message: `control character ${code} at column ${column} (expected text: no control characters but tab, LF and CR)` },
    ])
  }
  const text = normalizeText(decoded.replace(/^\uFEFF/, ''))
  if (text.trim() === '') throw new DataError(articleFile, [{ pointer: '', line: null, message: 'the article is empty (expected the text of a news article)' }])
  return { source_id: meta.source_id, source: meta, text, text_sha256: sha256(text), char_count: codePointLength(text), sentences: splitSentences(text) }
}

const problem = (file: string, message: string) => new DataError(file, [{ pointer: '', line: null, message }])

/** A symbolic link under raw/ could make the build read (and publish) any file of the machine: refused, not followed or skipped. */
function refuseLink(file: string): never {
  throw problem(
    file,
    `a symbolic link (to ${fs.readlinkSync(file)}); expected a plain file or folder inside raw/ (links are refused so nothing outside raw/ is read)`,
  )
}

/** An input file of the build, by its lstat before it is read: a symbolic link is refused, wherever it points. */
export function refuseLinked(file: string, stat: { isSymbolicLink(): boolean }): void {
  if (stat.isSymbolicLink()) refuseLink(file)
}

/**
 * Source folders of raw/, each checked for a safe name; no entry of raw/ may be a symbolic link. The folders' entries
 * are not listed: the build checks each file it reads by its lstat instead (refuseLinked), which costs no listing of
 * 100,000 folders on every build. One directory listing: an entry's type comes with its name (no stat per entry).
 */
export function listSourceFolders(rawDir: string): string[] {
  const entries = fs.readdirSync(rawDir, { withFileTypes: true })
  for (const d of entries) if (d.isSymbolicLink()) refuseLink(path.join(rawDir, d.name))
  return entries
    .filter((d) => d.isDirectory())
    .map((d) => {
      if (!SAFE_SOURCE_ID.test(d.name)) {
        throw problem(
          path.join(rawDir, d.name),
          `unsafe source folder name "${d.name}" (expected letters, digits, _ and -, at most 80, not starting with _ or -)`,
        )
      }
      return d.name
    })
    .sort()
}

/** listSourceFolders, and no entry of a source folder may be a symbolic link either (one listing per folder): for the tools that read a folder's files without lstat-ing them. */
export function listSources(rawDir: string): string[] {
  const ids = listSourceFolders(rawDir)
  for (const id of ids) {
    const folder = path.join(rawDir, id)
    for (const f of fs.readdirSync(folder, { withFileTypes: true })) if (f.isSymbolicLink()) refuseLink(path.join(folder, f.name))
  }
  return ids
}
