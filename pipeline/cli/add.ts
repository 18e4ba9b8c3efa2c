/**
 * add: articles -> new sources in raw/ (`make add FILE=<path>`): a text file as received, a saved
 * news page (pipeline/store/news-page.ts) or a JSON-lines batch, checked by pipeline/store/new-source.ts.
 * The id comes from the text, so the same text is recognized ("already in raw/ as <id>", nothing
 * written); a URL already in raw/ with another text is refused unless --replace 1. Each new
 * source's id goes to stdout, one a line; progress, duplicates and warnings go to stderr. A folder is
 * written aside in raw/ and renamed into place whole.
 * in:  --file (.txt, .html, .htm, .jsonl), --url, --published, --publisher, --title, --language, --replace
 * out: <raw>/<source_id>/article.txt, <raw>/<source_id>/source.json   (schemas/source.schema.json)
 */
import fs from 'node:fs'
import path from 'node:path'
import { decodeUtf8, normalizeText, Utf8Error } from '../normalize/text.ts'
import { FileError, sha256 } from '../store/files.ts'
import { displayPath, parseOptions } from '../store/layout.ts'
import { type Given, type NewSource, newSource, type Received } from '../store/new-source.ts'
import { readNewsPage } from '../store/news-page.ts'
import { isMain, log, runStage, UserError } from '../store/run.ts'
import { listSources, MAX_ARTICLE_BYTES } from '../store/sources.ts'
import { DataError } from '../store/validate.ts'

/** A saved page carries scripts, styles and markup around its article: it may be this many times the article limit. */
export const MAX_PAGE_BYTES = 16 * MAX_ARTICLE_BYTES

export interface AddOptions {
  file: string
  raw: string
  url: string
  published: string
  publisher: string
  title: string
  language: string
  replace: string
}

export interface Outcome {
  added: string[]
  present: string[]
  refused: number
}

const problem = (file: string, message: string, line: number | null = null) => new DataError(file, [{ pointer: '', line, message }])

/** What raw/ holds: each source's text fingerprint and URL (the text's sha256 as 01-ingest computes it). */
class RawIndex {
  readonly bySha = new Map<string, string>()
  readonly byUrl = new Map<string, string[]>()

  constructor(readonly raw: string) {
    if (!fs.existsSync(raw) || !fs.statSync(raw).isDirectory())
      throw new UserError(`add: ${displayPath(raw)}: the raw folder does not exist (expected a folder of sources)`)
    const leftover = fs.readdirSync(raw).find((f) => f.startsWith('.add-'))
    if (leftover)
      throw new UserError(
        `add: ${displayPath(path.join(raw, leftover))}: a folder make add left when it was stopped while writing (nothing in it is a source): delete it, then add again`,
      )
    for (const id of listSources(raw)) {
      const dir = path.join(raw, id)
      const article = path.join(dir, 'article.txt')
      if (fs.existsSync(article)) {
        const text = normalizeText(new TextDecoder().decode(fs.readFileSync(article)).replace(/^\uFEFF/, ''))
        this.bySha.set(sha256(text), id)
      }
      try {
        const url = JSON.parse(fs.readFileSync(path.join(dir, 'source.json'), 'utf8')).url
        if (typeof url === 'string') this.note(url, id)
      } catch {
        // a missing or broken source.json is the build's to report; it names no URL here
      }
    }
  }

  note(url: string, id: string): void {
    const key = urlKey(url)
    this.byUrl.set(key, [...(this.byUrl.get(key) ?? []), id])
  }

  forget(id: string): void {
    for (const [sha, other] of this.bySha) if (other === id) this.bySha.delete(sha)
    for (const [key, ids] of this.byUrl)
      this.byUrl.set(
        key,
        ids.filter((x) => x !== id),
      )
  }
}

/** URLs compared as a browser would (host case, default port): the same page written two ways is one URL. */
function urlKey(url: string): string {
  try {
    return new URL(url).href
  } catch {
    return url
  }
}

/** The file's bytes, refused before reading when it is larger than `limit`. */
function readLimited(file: string, limit: number, what: string): Buffer {
  let size: number
  try {
    const stat = fs.statSync(file)
    if (stat.isDirectory()) throw problem(file, `is a folder (expected ${what})`)
    size = stat.size
  } catch (err) {
    if (err instanceof DataError) throw err
    const code = (err as NodeJS.ErrnoException).code
    throw problem(file, code === 'ENOENT' ? `file not found (expected ${what})` : `could not read it: ${(err as Error).message} (expected ${what})`)
  }
  if (size > limit) throw problem(file, `the file is ${size} bytes (expected at most ${limit}, ${Math.round(limit / 1024)} KB: ${what})`)
  return fs.readFileSync(file)
}

/** A page's HTML as text; a page saved in another encoding is refused with the charset it declares. */
function pageText(bytes: Uint8Array, file: string, line: number | null): string {
  try {
    return decodeUtf8(bytes).replace(/^\uFEFF/, '')
  } catch (err) {
    if (!(err instanceof Utf8Error)) throw err
    const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(Buffer.from(bytes.subarray(0, 4096)).toString('latin1'))?.[1]
    const hint = declared && !/^utf-?8$/i.test(declared) ? `; the page declares charset=${declared}: convert it first, e.g. iconv -f ${declared} -t UTF-8` : ''
    throw problem(file, `${err.message} (expected a page saved as UTF-8${hint})`, line)
  }
}

type Fields = Received['given']

function givenOptions(o: AddOptions): Fields {
  const given: Fields = {}
  const put = (key: keyof Fields, value: string, option: string) => {
    if (value.trim() !== '') given[key] = { value: value.trim(), from: `${option}=`, pointer: `${option}=` }
  }
  put('title', o.title, 'TITLE')
  put('publisher', o.publisher, 'PUBLISHER')
  put('url', o.url, 'URL')
  put('published', o.published, 'PUBLISHED')
  put('language', o.language, 'LANGUAGE')
  return given
}

const LINE_FIELDS: Record<string, keyof Fields | 'text' | 'html'> = {
  text: 'text',
  html: 'html',
  url: 'url',
  title: 'title',
  publisher: 'publisher',
  published_on: 'published',
  language: 'language',
}

/** One line of a batch -> the article it holds, its metadata given per line before the options' defaults. */
function lineArticle(bytes: Uint8Array, file: string, line: number, defaults: Fields): Received {
  const bad = (message: string, pointer = '') => new DataError(file, [{ pointer, line, message }])
  let value: unknown
  try {
    value = JSON.parse(decodeUtf8(bytes))
  } catch (err) {
    throw bad(err instanceof Utf8Error ? `the line is not UTF-8: ${err.message}` : `not JSON: ${(err as Error).message} (expected one JSON object a line)`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`found ${JSON.stringify(value)?.slice(0, 60)} (expected a JSON object)`)
  const fields = value as Record<string, unknown>
  const given: Fields = { ...defaults }
  for (const [key, v] of Object.entries(fields)) {
    const field = Object.hasOwn(LINE_FIELDS, key) ? LINE_FIELDS[key] : null
    if (!field) throw bad(`unknown field "${key}" (expected ${Object.keys(LINE_FIELDS).join(', ')})`, `/${key}`)
    if (v !== null && typeof v !== 'string') throw bad(`found ${JSON.stringify(v).slice(0, 60)} (expected a string or null)`, `/${key}`)
    if (field !== 'text' && field !== 'html' && typeof v === 'string' && v.trim() !== '')
      given[field] = { value: v.trim(), from: `the line's ${key}`, pointer: `/${key}` }
  }
  const { text, html } = fields as { text?: string | null; html?: string | null }
  if ((text == null) === (html == null)) throw bad('expected exactly one of "text" (the article) and "html" (a saved page)')
  const label = `${path.basename(file)} line ${line}`
  if (typeof text === 'string') return { file, line, label, article: Buffer.from(text, 'utf8'), page: null, given }
  const page = Buffer.from(html as string, 'utf8')
  if (page.length > MAX_PAGE_BYTES) throw bad(`the page is ${page.length} bytes (expected at most ${MAX_PAGE_BYTES}: a saved news page)`, '/html')
  const read = readNewsPage(html as string)
  return { file, line, label, article: Buffer.from(read.text, 'utf8'), page: read, given }
}

/** Writes the source aside in raw/, then renames it into place (after moving aside any source it replaces). */
function writeSource(raw: string, s: NewSource, replaces: string[]): void {
  const tmp = path.join(raw, `.add-${s.id}-${process.pid}`)
  const final = path.join(raw, s.id)
  const moved: [string, string][] = replaces.map((id) => [path.join(raw, id), path.join(raw, `.add-old-${id}-${process.pid}`)])
  try {
    fs.mkdirSync(tmp)
    fs.writeFileSync(path.join(tmp, 'article.txt'), s.article)
    fs.writeFileSync(path.join(tmp, 'source.json'), `${JSON.stringify(s.meta, null, 2)}\n`)
    for (const [from, to] of moved) fs.renameSync(from, to)
    try {
      fs.renameSync(tmp, final)
    } catch (err) {
      for (const [from, to] of moved) if (fs.existsSync(to)) fs.renameSync(to, from)
      throw err
    }
    for (const [, to] of moved) fs.rmSync(to, { recursive: true, force: true })
  } catch (err) {
    throw new FileError(final, 'write it', err as Error)
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

/** Adds one article unless raw/ has its text; returns its id and whether it is new. */
function addOne(index: RawIndex, r: Received, replace: boolean, emit: (id: string) => void): { id: string; isNew: boolean } {
  const where = `${displayPath(r.file)}${r.line ? `:${r.line}` : ''}`
  const s = newSource(r)
  for (const w of s.warnings) log('add', `${where}: ${w}`)
  const present = index.bySha.get(s.textSha256)
  if (present) {
    log('add', `${where}: already in raw/ as ${present} (the same text); nothing written`)
    return { id: present, isNew: false }
  }
  const dir = path.join(index.raw, s.id)
  if (fs.existsSync(dir))
    throw problem(r.file, `${displayPath(dir)} exists with another text (edited after it was added?): move it away to add this article`, r.line)
  const sameUrl = s.meta.url ? (index.byUrl.get(urlKey(s.meta.url)) ?? []) : []
  if (sameUrl.length && !replace)
    throw problem(
      r.file,
      `the url ${s.meta.url} is already the source ${sameUrl.join(', ')} with another text (expected a new article; REPLACE=1 replaces that source with this text)`,
      r.line,
    )
  for (const id of sameUrl)
    if (fs.existsSync(path.join(index.raw, id, 'annotations.yaml')))
      throw problem(
        r.file,
        `REPLACE=1 would drop ${displayPath(path.join(index.raw, id, 'annotations.yaml'))}, written for the other text: move it away (or into the new source by hand after adding) first`,
        r.line,
      )
  writeSource(index.raw, s, sameUrl)
  for (const id of sameUrl) index.forget(id)
  index.bySha.set(s.textSha256, s.id)
  if (s.meta.url) index.note(s.meta.url, s.id)
  log('add', `${where}: added ${displayPath(dir)}${sameUrl.length ? ` (replacing ${sameUrl.join(', ')}, same url)` : ''}: ${s.meta.title}`)
  emit(s.id)
  return { id: s.id, isNew: true }
}

function kindOf(file: string): 'txt' | 'html' | 'jsonl' {
  const ext = path.extname(file).toLowerCase()
  if (ext === '.txt') return 'txt'
  if (ext === '.html' || ext === '.htm') return 'html'
  if (ext === '.jsonl') return 'jsonl'
  throw new UserError(`add: ${displayPath(file)}: found ${ext ? `a "${ext}" file` : 'a file name without an extension'} (expected .txt, .html, .htm or .jsonl)`)
}

export function main(o: AddOptions, emit: (id: string) => void = (id) => process.stdout.write(`${id}\n`)): Outcome {
  if (o.file.trim() === '') throw new UserError('add: FILE= names the article to add: make add FILE=<path> (.txt, .html, .htm or .jsonl)')
  if (!['', '0', '1'].includes(o.replace.trim())) throw new UserError(`add: REPLACE must be 1 (or empty), found "${o.replace}"`)
  const replace = o.replace.trim() === '1'
  const kind = kindOf(o.file)
  const given = givenOptions(o)
  const index = new RawIndex(o.raw)
  const outcome: Outcome = { added: [], present: [], refused: 0 }
  const record = ({ id, isNew }: { id: string; isNew: boolean }) => (isNew ? outcome.added : outcome.present).push(id)
  const label = path.basename(o.file)
  if (kind === 'txt') {
    record(
      addOne(index, { file: o.file, line: null, label, article: readLimited(o.file, MAX_ARTICLE_BYTES, 'one news article'), page: null, given }, replace, emit),
    )
    return outcome
  }
  if (kind === 'html') {
    const page = readNewsPage(pageText(readLimited(o.file, MAX_PAGE_BYTES, 'a saved news page'), o.file, null))
    record(addOne(index, { file: o.file, line: null, label, article: Buffer.from(page.text, 'utf8'), page, given }, replace, emit))
    return outcome
  }
  const perArticle = (['url', 'title', 'published'] as const).filter((k) => given[k]).map((k) => (given[k] as Given).from)
  if (perArticle.length)
    throw new UserError(`add: ${perArticle.join(', ')} describe one article: a .jsonl batch gives them on each line (url, title, published_on)`)
  const bytes = readLimited(o.file, Number.MAX_SAFE_INTEGER, 'a JSON-lines batch of articles')
  const refusedLines: number[] = []
  let start = 0
  for (let line = 1; start < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start) === -1 ? bytes.length : bytes.indexOf(0x0a, start)
    const lineBytes = bytes.subarray(start, end)
    start = end + 1
    if (lineBytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0d)) continue
    try {
      record(addOne(index, lineArticle(lineBytes, o.file, line, given), replace, emit))
    } catch (err) {
      if (!(err instanceof DataError)) throw err
      log('add', `refused, skipped: ${err.message}`)
      refusedLines.push(line)
    }
  }
  outcome.refused = refusedLines.length
  const summary = `${displayPath(o.file)}: ${outcome.added.length} added, ${outcome.present.length} already in raw/, ${refusedLines.length} refused`
  if (refusedLines.length)
    throw new UserError(`add: ${summary} (line${refusedLines.length > 1 ? 's' : ''} ${refusedLines.join(', ')}: see above; the other lines were added)`)
  log('add', summary)
  return outcome
}

if (isMain(import.meta.url)) {
  const defaults = { file: '', raw: 'raw', url: '', published: '', publisher: '', title: '', language: '', replace: '' }
  runStage('add', () => {
    main(parseOptions('pipeline/cli/add.ts', defaults))
  })
}
