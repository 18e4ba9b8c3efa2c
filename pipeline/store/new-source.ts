/**
 * A received article -> a new raw/ source: its id (from the text alone), a source.json validated by
 * its schema and the bytes of article.txt, or a refusal that names the file (and line) and says what
 * was found and what was expected. Pure: bytes and values in, values out (make add does the I/O).
 * Refused: bytes ingest refuses (over MAX_ARTICLE_BYTES, invalid UTF-8, control characters, empty),
 * a body that is empty or only page chrome, a body with no Chinese text, a date that is not a date,
 * a URL that is not http(s), metadata the source schema refuses.
 */
import * as OpenCC from 'opencc-js'
import type { Found, NewsPage } from './news-page.ts'
import { isChromeLine } from './news-page.ts'
import { ingest } from './sources.ts'
import type { SourceMeta } from './stage-outputs.ts'
import { assertValid, DataError, type Problem } from './validate.ts'

/** A value given with the article (URL=, or a field of a JSON line), with where it was given. */
export interface Given extends Found {
  pointer: string
}

export interface Received {
  /** the file the article came from, for messages */
  file: string
  /** its line, for an article of a JSON-lines batch */
  line: number | null
  /** the file (and line) as source.json's notes name it: a base name, never a machine path */
  label: string
  /** the bytes of article.txt: the text file as received, or the text read from a page */
  article: Uint8Array
  page: NewsPage | null
  given: Partial<Record<'title' | 'publisher' | 'url' | 'published' | 'language', Given>>
}

export interface NewSource {
  id: string
  meta: SourceMeta
  article: Uint8Array
  textSha256: string
  warnings: string[]
}

/** The id of a source added by make add: `src-` and the first 16 hex digits of its text_sha256 (the normalized text's). */
export const sourceIdOf = (textSha256: string) => `src-${textSha256.slice(0, 16)}`

const RIGHTS = 'Third-party news text, rights not cleared: quoted in evidence spans for provenance; the full text is not redistributed in releases.'

/** At least this share of the body's letters (Chinese characters and Latin letters) are Chinese: the development corpus's lowest is 0.74. */
const MIN_CHINESE_SHARE = 0.25

/** BCP 47 tags of Chinese: zh, then script or region subtags (zh-Hans, zh-Hant-TW, zh-HK). */
const CHINESE_TAG = /^zh(-[A-Za-z0-9]{1,8})*$/

const HAN = /\p{Script=Han}/gu
const LATIN = /[A-Za-z]/g

/** The problems of one article, at its line of a batch when it came from one. */
function refuse(r: Received, problems: Problem[]): DataError {
  return new DataError(
    r.file,
    problems.map((p) => ({ ...p, line: r.line ?? p.line })),
  )
}

const fail = (r: Received, message: string, pointer = '') => refuse(r, [{ pointer, line: null, message }])

let converters: { toSimplified: (s: string) => string; toTraditional: (s: string) => string } | null = null

/** Characters that only traditional writing uses, and characters that only simplified writing uses (opencc-js both ways). */
export function scriptCounts(text: string): { traditional: number; simplified: number } {
  converters ??= { toSimplified: OpenCC.Converter({ from: 't', to: 'cn' }), toTraditional: OpenCC.Converter({ from: 'cn', to: 't' }) }
  const differ = (convert: (s: string) => string) => {
    // one UTF-16 unit for one (stack-notes: opencc-js keeps lengths); were a phrase to change the length, character by character
    const whole = convert(text)
    const converted = whole.length === text.length ? whole : Array.from(text, (ch) => (convert(ch).length === ch.length ? convert(ch) : ch)).join('')
    let n = 0
    for (let i = 0; i < text.length; i++) if (converted[i] !== text[i]) n++
    return n
  }
  return { traditional: differ(converters.toSimplified), simplified: differ(converters.toTraditional) }
}

/** zh-Hant when more of the characters are traditional-only than simplified-only, else zh-Hans (a tie, usually none of either, says so). */
export function detectLanguage(text: string): { language: 'zh-Hans' | 'zh-Hant'; from: string; tie: boolean } {
  const { traditional, simplified } = scriptCounts(text)
  const language = traditional > simplified ? 'zh-Hant' : 'zh-Hans'
  const from = `detected from the characters: ${traditional} traditional-only, ${simplified} simplified-only`
  return { language, from, tie: traditional === simplified }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/
const WRITTEN = /^(\d{4})(?:\/|年)(\d{1,2})(?:\/|月)(\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/

/**
 * The publication date of a date or timestamp as written (2024-03-05, 2024-03-05T10:30:00+08:00,
 * 2024/3/5 10:30, 2024年3月5日): the day in the timestamp's own offset, never converted to UTC.
 * Null when it is not a real date and time.
 */
export function publicationDate(value: string): string | null {
  const m = ISO.exec(value) ?? WRITTEN.exec(value)
  if (!m) return null
  const [year, month, day] = [m[1], m[2], m[3]].map(Number)
  const [hour, minute, second] = [m[4], m[5], m[6]].map((x) => (x === undefined ? 0 : Number(x)))
  const date = new Date(Date.UTC(year, month - 1, day))
  const realDay = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  const offsetOk = m[8] === undefined || (Number(m[8]) <= 14 && Number(m[9]) < 60)
  if (!realDay || hour > 23 || minute > 59 || second > 60 || !offsetOk) return null
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** An http(s) URL as given, or why it is not one. */
export function checkUrl(value: string): string | null {
  if (/\s/.test(value)) return 'it contains white space'
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : `its scheme is ${url.protocol.slice(0, -1)}`
  } catch {
    return 'it is not an absolute URL'
  }
}

const pointerOf = (f: Found) => ('pointer' in f ? (f as Given).pointer : '')
const fromNote = (what: string, f: { value: string; from: string } | null) => `${what}: ${f ? f.from : 'not given'}`

/** The article's normalized text and fingerprint, as 01-ingest will read them; refused as ingest refuses (and UTF-16 with its fix). */
function readArticle(r: Received): { text: string; textSha256: string } {
  if (r.page && r.page.text.trim() === '')
    throw fail(
      r,
      r.page.chromeLines
        ? `the body is only page chrome (${r.page.chromeLines} line(s) dropped; expected the text of a news article: pipeline/store/page-chrome.json lists what counts as chrome)`
        : 'the page has no main text (Readability found no article in it; expected a saved news page)',
    )
  const [b0, b1] = r.article
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff))
    throw fail(r, 'the text is UTF-16 (it starts with a UTF-16 byte order mark; expected UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8)')
  try {
    const { text, text_sha256 } = ingest({ source_id: 'x' } as SourceMeta, r.article, r.file)
    return { text, textSha256: text_sha256 }
  } catch (err) {
    if (err instanceof DataError) throw refuse(r, err.problems)
    throw err
  }
}

/** The body's lines that are not page chrome (the title line left out), refused when there are none or they are not Chinese. */
function articleBody(r: Received, text: string, title: Found): string {
  const lines = text.split('\n')
  const first = lines.findIndex((l) => l.trim() !== '')
  // the title is the first line of the text unless a title given with it is not
  const body = first >= 0 && lines[first].trim() === title.value.trim() ? lines.slice(first + 1) : lines
  const bodyLines = body.map((l) => l.trim()).filter((l) => l !== '')
  if (!bodyLines.length)
    throw fail(
      r,
      `the article has ${text.trim() ? 'a title but no body' : 'no text'} (expected the text after its title line; give TITLE= when the first line is not the title)`,
    )
  const content = bodyLines.filter((l) => !isChromeLine(l))
  if (!content.length)
    throw fail(
      r,
      `the body is only page chrome (${bodyLines.length} line(s) such as "${bodyLines[0].slice(0, 40)}"; expected the text of a news article: pipeline/store/page-chrome.json lists what counts as chrome)`,
    )
  const contentText = content.join('\n')
  const han = contentText.match(HAN)?.length ?? 0
  const latin = contentText.match(LATIN)?.length ?? 0
  if (han === 0 || han < MIN_CHINESE_SHARE * (han + latin))
    throw fail(
      r,
      `no Chinese text: the body has ${han} Chinese character(s) and ${latin} Latin letter(s) (expected a Chinese article: at least ${MIN_CHINESE_SHARE * 100}% of its letters Chinese)`,
    )
  return contentText
}

/** The publication date, the URL and the language, from what was given, else the page, else (the language) the characters. */
function checkedMetadata(r: Received, body: string, warnings: string[]) {
  const published = r.given.published ?? r.page?.published ?? null
  const publishedOn = published ? publicationDate(published.value) : null
  if (published && !publishedOn)
    throw fail(
      r,
      `${published.from}: "${published.value}" is not a date (expected a real date, YYYY-MM-DD, or a timestamp such as 2024-03-05T10:30:00+08:00${r.given.published ? '' : '; give PUBLISHED=YYYY-MM-DD to override the page'})`,
      pointerOf(published),
    )
  const url = r.given.url ?? r.page?.url ?? null
  const urlProblem = url ? checkUrl(url.value) : null
  if (url && urlProblem)
    throw fail(
      r,
      `${url.from}: "${url.value.slice(0, 200)}" is not an http(s) URL: ${urlProblem} (expected http:// or https:// and an address${r.given.url ? '' : '; give URL= to override the page'})`,
      pointerOf(url),
    )
  let language: Found | null = r.given.language ?? null
  if (language && !CHINESE_TAG.test(language.value))
    throw fail(
      r,
      `${language.from}: "${language.value.slice(0, 40)}" is not a language tag of Chinese (expected zh-Hans, zh-Hant or a BCP 47 tag such as zh-HK, zh-TW)`,
      pointerOf(language),
    )
  if (!language) {
    const detected = detectLanguage(body)
    if (detected.tie) warnings.push(`${detected.from}: taken as ${detected.language}; give LANGUAGE= to say otherwise`)
    language = { value: detected.language, from: detected.from }
  }
  return { published, publishedOn, url, language }
}

export function newSource(r: Received): NewSource {
  const warnings: string[] = [...(r.page?.warnings ?? [])]
  const { text, textSha256 } = readArticle(r)
  const firstLine =
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  const title = r.given.title ?? r.page?.title ?? { value: firstLine, from: 'the first line of the text' }
  const body = articleBody(r, text, title)
  const { published, publishedOn, url, language } = checkedMetadata(r, body, warnings)
  const publisher = r.given.publisher ?? r.page?.publisher ?? null

  const how = r.page
    ? `a saved web page: main text by Readability${r.page.chromeLines ? `, ${r.page.chromeLines} line(s) of page chrome dropped` : ''}`
    : 'a text, as received'
  const sources = [
    fromNote('title', title),
    fromNote('publisher', publisher),
    fromNote('url', url),
    published ? `published_on: ${published.from} (${published.value})` : 'published_on: not given',
    `language: ${language.from}`,
  ]
  const id = sourceIdOf(textSha256)
  const meta: SourceMeta = {
    $schema: '../../schemas/source.schema.json',
    source_id: id,
    title: title.value.trim(),
    publisher: publisher?.value.trim() ?? null,
    url: url?.value ?? null,
    language: language.value,
    published_on: publishedOn,
    retrieved_on: null,
    rights: RIGHTS,
    notes: `Added by make add from ${r.label} (${how}). ${sources.join('; ')}.`,
  }
  try {
    assertValid('source', meta, r.file)
  } catch (err) {
    if (err instanceof DataError)
      throw refuse(
        r,
        err.problems.map((p) => ({ ...p, message: `in the source.json it would write: ${p.message}` })),
      )
    throw err
  }
  return { id, meta, article: r.article, textSha256, warnings }
}
