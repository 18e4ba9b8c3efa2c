/**
 * A saved news page -> its article: the main text found by Readability (Mozilla's reader view,
 * on a linkedom document), one paragraph a line with the headline first, without the site's chrome
 * (navigation, share bars, related articles, ads, comments, footer; lines in page-chrome.json), and
 * the metadata news sites publish, each with where it was found. Pure: a string in, values out.
 * Metadata order: JSON-LD NewsArticle/Article, then Open Graph and article:published_time, then
 * <link rel="canonical">, then (for the title) the story's <h1> and <title>.
 */
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import chrome from './page-chrome.json' with { type: 'json' }

/** A value read from the page and where it was found, for source.json's notes. */
export interface Found {
  value: string
  from: string
}

export interface NewsPage {
  /** the article: headline first, then one paragraph a line; empty when the page has no main text */
  text: string
  title: Found | null
  publisher: Found | null
  url: Found | null
  /** the publication date or timestamp as the page writes it */
  published: Found | null
  /** lines of page chrome dropped from the main text */
  chromeLines: number
  warnings: string[]
}

const CHROME = new RegExp(`^[（(【\\[]?\\s*(?:${chrome.line_starts.join('|')})`, 'u')

/** A line that is the site's chrome (a share bar, an editor credit, a copyright notice), not the article's. */
export function isChromeLine(line: string): boolean {
  const trimmed = line.trim()
  return Array.from(trimmed).length <= chrome.max_line_length && CHROME.test(trimmed)
}

const BLOCKS = new Set(
  'address article aside blockquote dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody tfoot thead tr ul'.split(
    ' ',
  ),
)
/** East Asian wide characters: a line break of the HTML source between two of them is no space (CSS Text, segment breaks). */
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u

function collapse(raw: string): string {
  return raw.replace(/[ \t\n\r\f]+/g, (run, at: number) => {
    const before = raw[at - 1]
    const after = raw[at + run.length]
    return run.includes('\n') && before && after && WIDE.test(before) && WIDE.test(after) ? '' : ' '
  })
}

/** The text of an element, one line per block element or <br>, whitespace collapsed as a browser shows it. */
export function elementLines(root: Node): string[] {
  const lines: string[] = []
  let current = ''
  const flush = () => {
    const line = collapse(current).trim()
    if (line) lines.push(line)
    current = ''
  }
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? ''
      return
    }
    if (node.nodeType !== 1) return
    const tag = (node as Element).tagName.toLowerCase()
    if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript') return
    if (tag === 'br') return flush()
    const block = BLOCKS.has(tag)
    if (block) flush()
    if (tag === 'td' || tag === 'th') current += ' '
    for (const child of Array.from(node.childNodes)) walk(child)
    if (block) flush()
  }
  walk(root)
  flush()
  return lines
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }
const isObject = (x: Json | undefined): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x)
const text = (x: Json | undefined): string | null => (typeof x === 'string' && x.trim() ? x.replace(/\s+/g, ' ').trim() : null)

/** Every node of the page's JSON-LD blocks (top level, arrays and @graph), and the blocks that are not JSON. */
function jsonLdNodes(document: Document): { nodes: JsonObject[]; broken: number } {
  const nodes: JsonObject[] = []
  let broken = 0
  const visit = (x: Json) => {
    if (Array.isArray(x)) x.forEach(visit)
    else if (isObject(x)) {
      nodes.push(x)
      if (Array.isArray(x['@graph'])) x['@graph'].forEach(visit)
    }
  }
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''))
    } catch {
      broken++
    }
  }
  return { nodes, broken }
}

const ARTICLE_TYPES = /^(NewsArticle|Article|[A-Za-z]+NewsArticle)$/
const types = (node: JsonObject) => (Array.isArray(node['@type']) ? node['@type'] : [node['@type']]).filter((t) => typeof t === 'string')

/** The first article node's headline, date, publisher name and page URL; a reference ({"@id": ...}) is looked up among the nodes. */
function jsonLdArticle(nodes: JsonObject[]): Partial<Record<'title' | 'published' | 'publisher' | 'url', Found>> {
  const article = nodes.find((n) => types(n).some((t) => ARTICLE_TYPES.test(t as string)))
  if (!article) return {}
  const byId = new Map(nodes.filter((n) => typeof n['@id'] === 'string').map((n) => [n['@id'] as string, n]))
  const resolve = (x: Json | undefined): Json | undefined => {
    const one = Array.isArray(x) ? x[0] : x
    return isObject(one) && typeof one['@id'] === 'string' && byId.has(one['@id']) && Object.keys(one).length === 1 ? byId.get(one['@id']) : one
  }
  const out: Partial<Record<'title' | 'published' | 'publisher' | 'url', Found>> = {}
  const put = (key: keyof typeof out, value: string | null, from: string) => {
    if (value && !out[key]) out[key] = { value, from }
  }
  put('title', text(article.headline), 'JSON-LD headline')
  put('published', text(article.datePublished), 'JSON-LD datePublished')
  const publisher = resolve(article.publisher)
  put('publisher', isObject(publisher) ? text(publisher.name) : text(publisher), 'JSON-LD publisher.name')
  const page = resolve(article.mainEntityOfPage)
  put('url', isObject(page) ? (text(page['@id']) ?? text(page.url)) : text(page), 'JSON-LD mainEntityOfPage')
  put('url', text(article.url), 'JSON-LD url')
  return out
}

function meta(document: Document, property: string): string | null {
  const el = document.querySelector(`meta[property="${property}"], meta[name="${property}"]`)
  return text(el?.getAttribute('content') ?? undefined)
}

/** A relative URL (a canonical link written as /news/1.html) made absolute against the page's first absolute one. */
function absoluteUrl(candidates: Found[]): Found | null {
  const first = candidates[0]
  if (!first) return null
  if (/^[a-z][a-z0-9+.-]*:/i.test(first.value)) return first
  const base = candidates.find((c) => /^https?:\/\//i.test(c.value))
  if (!base) return first
  return { value: new URL(first.value, base.value).href, from: `${first.from}, made absolute against ${base.from}` }
}

export function readNewsPage(html: string): NewsPage {
  const { document } = parseHTML(html)
  const warnings: string[] = []
  const { nodes, broken } = jsonLdNodes(document)
  if (broken) warnings.push(`${broken} JSON-LD block(s) of the page are not JSON and were not read`)
  const ld = jsonLdArticle(nodes)
  const found = (value: string | null, from: string): Found[] => (value ? [{ value, from }] : [])
  // the story's <h1> before <title>, which usually carries the site's name too (头条_频道_站点); not any
  // <h1>, which may be the site's logo
  const title =
    [
      ...(ld.title ? [ld.title] : []),
      ...found(meta(document, 'og:title'), 'Open Graph og:title'),
      ...found(text(document.querySelector('article h1, main h1')?.textContent ?? undefined), 'the <h1> of <article> or <main>'),
      ...found(text(document.querySelector('title')?.textContent ?? undefined), '<title>'),
    ][0] ?? null
  const publisher = [...(ld.publisher ? [ld.publisher] : []), ...found(meta(document, 'og:site_name'), 'Open Graph og:site_name')][0] ?? null
  const published = [...(ld.published ? [ld.published] : []), ...found(meta(document, 'article:published_time'), 'article:published_time')][0] ?? null
  const canonical = text(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined)
  const url = absoluteUrl([...(ld.url ? [ld.url] : []), ...found(meta(document, 'og:url'), 'Open Graph og:url'), ...found(canonical, '<link rel="canonical">')])

  // Readability changes the document it reads: the metadata above is read first
  const article = new Readability<Node>(document as unknown as Document, { charThreshold: 100, serializer: (node) => node }).parse()
  const lines = article?.content ? elementLines(article.content) : []
  const body = lines.filter((l) => !isChromeLine(l))
  const withHeadline = title && body.length && body[0] !== title.value ? [title.value, ...body] : body
  return { text: withHeadline.join('\n'), title, publisher, url, published, chromeLines: lines.length - body.length, warnings }
}
