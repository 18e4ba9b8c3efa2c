/**
 * Pieces of HTML the dataset page and the entity pages share: amounts, entity links, evidence in its
 * sentence with its source, funding totals. Every value from the data goes through escapeHtml.
 */
import { escapeHtml as esc } from './html.ts'
import type { fundersOf, Row, Total } from './site-data.ts'

export interface Texts {
  get(sourceId: string): { chars: string[]; sentences: { start: number; end: number }[] } | undefined
}

/** What the pages need besides the tables: names, sources, evidence per record, and the link prefix of the page. */
export interface Context {
  /** "Name (名称)" per entity id */
  names: Map<string, string>
  /** the English name alone (else the Chinese), for labels that must stay short */
  short: Map<string, string>
  sources: Map<string, Row>
  /** evidence rows per `${record_table}/${record_id}` */
  evidence: Map<string, Row[]>
  texts: Texts
  funders: ReturnType<typeof fundersOf>
  /** "" on the front page, "../" on an entity page */
  root: string
  /** the release converts currencies to US dollars (its funding table has usd_rate) */
  converts: boolean
}

export function formatAmount(amount: string, currency: string, qualifier: string): string {
  if (!amount) return ''
  const n = Number(amount)
  const short = n >= 1e9 ? `${+(n / 1e9).toFixed(2)}B` : n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : n.toLocaleString('en-US')
  const sign = { about: '~', over: '>', under: '<' }[qualifier] ?? ''
  return `${sign}${currency === 'USD' ? 'US$' : `${currency} `}${short}`
}

export const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`)

const entityName = (c: Context, id: string) => c.names.get(id) ?? id

export function entityLink(c: Context, id: string): string {
  if (!c.names.has(id)) return esc(id)
  return `<a href="${c.root}entities/${esc(id)}.html">${esc(entityName(c, id))}</a>`
}

/** The funders of a row as links, the lead marked, and a note when the article names only some. */
export function fundersHtml(c: Context, f: Row): string {
  const list = c.funders.get(f.funding_id) ?? []
  const named = list.length ? list.map((x) => `${entityLink(c, x.entity_id)}${x.is_lead ? ' <small>(lead)</small>' : ''}`).join(', ') : esc(f.funder_names)
  const more = f.funders_complete === 'false' ? `${named ? ', ' : ''}<small>others not named</small>` : ''
  return named || more ? `${named}${more}` : '<small>not named</small>'
}

/** The amount as written, and in US dollars with the rate that made it when the release converts it. */
export function amountHtml(f: Row): string {
  const own = formatAmount(f.amount, f.currency, f.amount_qualifier)
  const bounds =
    !f.amount && (f.amount_low || f.amount_high)
      ? `${f.amount_low ? formatAmount(f.amount_low, f.currency, '') : '…'} to ${f.amount_high ? formatAmount(f.amount_high, f.currency, '') : '…'}`
      : ''
  const usd =
    f.currency !== 'USD' && f.amount_usd
      ? `<br><small title="${esc(`${f.amount_usd} USD`)}">${esc(formatAmount(f.amount_usd, 'USD', f.amount_qualifier))}${f.usd_rate ? ` at ${esc(f.usd_rate)} (${esc(f.usd_rate_period)})` : ''}</small>`
      : ''
  return `${esc(own || bounds)}${usd}`
}

const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : '')

export function sourceHtml(c: Context, sourceId: string): string {
  const s = c.sources.get(sourceId)
  const title = esc(s?.title || sourceId)
  const url = safeUrl(s?.url ?? '')
  const named = url ? `<a href="${esc(url)}" rel="nofollow">${title}</a>` : title
  const meta = [s?.publisher, s?.published_on].filter(Boolean).map(esc).join(', ')
  return `${named}${meta ? `, ${meta}` : ''} (<code>${esc(sourceId)}</code>)`
}

/** The sentence holding an evidence span, with the quote marked; the quote alone when the text is not at hand. */
function inContext(c: Context, e: Row): string {
  const t = c.texts.get(e.source_id)
  const start = Number(e.char_start)
  const end = Number(e.char_end)
  if (!t) return `<mark>${esc(e.quote)}</mark>`
  const first = t.sentences.find((s) => s.start <= start && start < s.end) ?? { start, end }
  const last = t.sentences.find((s) => s.start < end && end <= s.end) ?? { start, end }
  const slice = (a: number, b: number) => esc(t.chars.slice(a, b).join(''))
  return `${slice(first.start, start)}<mark>${slice(start, end)}</mark>${slice(end, last.end)}`
}

export function evidenceHtml(c: Context, table: string, id: string): string {
  return (c.evidence.get(`${table}/${id}`) ?? [])
    .map(
      (e) =>
        `<blockquote>${inContext(c, e)}</blockquote><p><small>Source: ${sourceHtml(c, e.source_id)}, code points ${esc(e.char_start)}–${esc(e.char_end)}</small></p>`,
    )
    .join('')
}

/** A total as a short phrase: "US$1.2B", "≈US$50M + CNY 20M (no rate)", with the exact sums in the title. */
export function totalHtml(t: Total, converts: boolean): string {
  const parts: string[] = []
  if (t.usd !== null) parts.push(`<span title="${esc(`${t.usd} USD, exact sum of ${t.usdRows} row(s)`)}">${esc(formatAmount(t.usd, 'USD', ''))}</span>`)
  for (const o of t.other)
    parts.push(`<span title="${esc(`${o.amount} ${o.currency}, exact sum of ${o.rows} row(s)`)}">${esc(formatAmount(o.amount, o.currency, ''))}</span>`)
  if (parts.length === 0) return t.rows ? '<small>no amount in the text</small>' : '–'
  const rate = converts && t.usd !== null && t.other.length ? ' <small>(no rate for the rest)</small>' : ''
  return `${t.approximate ? '≈' : ''}${parts.join(' + ')}${rate}${t.noAmount ? ` <small>and ${t.noAmount} without an amount</small>` : ''}`
}
