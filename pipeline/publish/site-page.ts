/**
 * The front page of the dataset site, pure: what the dataset holds (rows per table and tier, dates,
 * sources) and the latest release's downloads first, then the timeline, funding (with totals per
 * entity), events, metrics, entities, the date conventions, the data dictionary and how to cite.
 */
import type { Resource } from './data-package.ts'
import { TITLE } from './dataset-card.ts'
import { escapeHtml as esc } from './html.ts'
import { inlineHtml } from './readme-section.ts'
import type { ReleaseEntry, ReleaseIndex } from './release-index.ts'
import { byDate, type EntityProfile, fundingTotal, type ReleaseTables, type Row, recordCount, tierCount } from './site-data.ts'
import { amountHtml, bytes, type Context, entityLink, evidenceHtml, formatAmount, fundersHtml, totalHtml } from './site-parts.ts'
import { type TimelineItem, timelineHtml, whenText } from './timeline.ts'

export interface PageInput {
  index: ReleaseIndex
  tables: ReleaseTables
  pkg: { description: string; resources: Resource[] }
  profiles: Map<string, EntityProfile>
  context: Context
  /** the date conventions section of the README, as HTML, and its heading */
  conventions: { title: string; html: string } | null
}

/** The download block's formats, in the order a reader is likely to want them. */
const FORMATS: { test: (path: string, version: string) => boolean; label: string; note: string }[] = [
  { test: (p, v) => p === `fengkou-${v}.xlsx`, label: 'Excel workbook', note: 'one sheet per table' },
  { test: (p, v) => p === `fengkou-${v}.tar.gz`, label: 'CSV and Parquet archive', note: 'every table, the card and datapackage.json' },
  { test: (p, v) => p === `fengkou-${v}.duckdb`, label: 'DuckDB database', note: 'all tables, with keys and comments' },
  { test: (p, v) => p === `fengkou-${v}.sqlite`, label: 'SQLite database', note: 'opens in datasette' },
]
const isTableFile = (p: string) => /^[a-z_]+\.(csv|parquet)$/.test(p)
const isDownload = (p: string, v: string) => isTableFile(p) || FORMATS.some((f) => f.test(p, v))

function downloadLink(rel: ReleaseEntry, path: string, text: string): string {
  const f = rel.files.find((x) => x.path === path)
  return `<a href="releases/${esc(rel.version)}/${esc(path)}" download data-sha256="${f?.sha256 ?? ''}">${text}</a>`
}

function fileTable(rel: ReleaseEntry): string {
  const rows = rel.files
    .filter((f) => isDownload(f.path, rel.version))
    .map((f) => `<tr><td>${downloadLink(rel, f.path, esc(f.path))}</td><td class="num">${bytes(f.bytes)}</td><td class="hash">${f.sha256}</td></tr>`)
    .join('\n')
  return `<div class="scroll"><table class="files"><thead><tr><th scope="col">File</th><th scope="col">Size</th><th scope="col">sha256</th></tr></thead><tbody>
${rows}
</tbody></table></div>`
}

function docLinks(rel: ReleaseEntry): string {
  const v = esc(rel.version)
  return `<a href="releases/${v}/README.md">Dataset card</a> · <a href="releases/${v}/CHANGELOG.md">Changelog</a> · <a href="releases/${v}/datapackage.json">datapackage.json</a> · <a href="releases/${v}/SHA256SUMS">SHA256SUMS</a> · <a href="releases/${v}/CITATION.cff">CITATION.cff</a>`
}

function downloads(index: ReleaseIndex): string {
  const latest = index.releases.find((r) => r.version === index.latest) as ReleaseEntry
  const v = latest.version
  const formats = FORMATS.flatMap((fmt) => {
    const f = latest.files.find((x) => fmt.test(x.path, v))
    return f ? [`<li>${downloadLink(latest, f.path, esc(fmt.label))} <small>${bytes(f.bytes)} · ${esc(fmt.note)}</small></li>`] : []
  })
  const parquet = latest.files.filter((f) => /^[a-z_]+\.parquet$/.test(f.path))
  if (parquet.length)
    formats.push(
      `<li><a href="#files-${esc(v)}">Parquet</a> <small>${parquet.length} files, ${bytes(parquet.reduce((n, f) => n + f.bytes, 0))} in all · one per table</small></li>`,
    )
  const older = index.releases.filter((r) => r.version !== v).reverse()
  const olderHtml = older.length
    ? `<details class="older"><summary>Older versions (${older.length})</summary>
${older.map((r) => `<h3>Version ${esc(r.version)}, ${esc(r.created.slice(0, 10))}</h3><p>${docLinks(r)}</p><details id="files-${esc(r.version)}"><summary>Files and sha256</summary>${fileTable(r)}</details>`).join('\n')}
</details>`
    : ''
  const excel = latest.files.some((f) => f.path.endsWith('.xlsx'))
    ? 'Excel users: open the workbook; '
    : 'Excel users: import the CSVs with Data › From Text/CSV and choose UTF-8: '
  return `<section id="downloads" class="downloads"><h2>Download version ${esc(v)}</h2>
<ul class="formats">
${formats.join('\n')}
</ul>
<p><small>${excel}the CSV files are UTF-8 without a byte-order mark, which Excel on Windows misreads when they are opened by double-click.</small></p>
<p><small>${docLinks(latest)}</small></p>
<details id="files-${esc(v)}"><summary>Every file of ${esc(v)}, with sha256</summary>
<p><small>Check a download with <code>sha256sum -c SHA256SUMS</code>.</small></p>
${fileTable(latest)}
</details>
${olderHtml}
</section>`
}

const TIER_TABLES: [keyof ReleaseTables & string, string][] = [
  ['events', 'events'],
  ['funding', 'funding flows'],
  ['metrics', 'metrics'],
  ['entities', 'entities'],
  ['sources', 'source articles'],
  ['evidence', 'evidence quotes'],
]

function holdings(input: PageInput): string {
  const { tables: t, index } = input
  const counts = TIER_TABLES.map(([name, label]) => ({ label, name, ...tierCount(t[name] as Row[], t.columns[name] ?? []) }))
  const anyTier = counts.some((c) => c.machine !== null)
  const rows = counts
    .map((c) => {
      const tiers = c.machine === null ? '' : ` <small>${c.reviewed} reviewed · ${c.machine} machine</small>`
      const data = c.machine === null ? '' : ` data-reviewed="${c.reviewed}" data-machine="${c.machine}"`
      return `<li data-table-count="${c.name}" data-rows="${c.rows}"${data}><strong>${c.rows}</strong> ${esc(c.label)}${tiers}</li>`
    })
    .join('\n')
  const dated = [...t.events, ...t.funding, ...t.metrics]
    .flatMap((r) => [r.date_start, r.date_end])
    .filter(Boolean)
    .sort()
  const range = dated.length ? `dated from ${esc(dated[0])} to ${esc(dated[dated.length - 1])}` : 'with no dates'
  const publishers = [...new Set(t.sources.map((s) => s.publisher).filter(Boolean))].sort()
  const published = t.sources
    .map((s) => s.published_on)
    .filter(Boolean)
    .sort()
  const latest = index.releases.find((r) => r.version === index.latest) as ReleaseEntry
  const sourceList = byDate(
    t.sources.map((s): Row => ({ ...s, date_start: s.published_on })),
    'source_id',
  )
    .map((s) => `<li>${sourceLine(s)}</li>`)
    .join('\n')
  const tierNote = anyTier
    ? '<p><small><strong>reviewed</strong>: from annotations a curator checked; <strong>machine</strong>: drafted from the text by the project’s rules, not yet checked (its amounts and dates still come from the quoted evidence). Every table below can show reviewed rows only.</small></p>'
    : '<p><small>Every row of this release was curated by hand: it predates the machine tier.</small></p>'
  return `<section id="holdings" class="holdings"><h2>What the dataset holds</h2>
<p>Version <strong>${esc(latest.version)}</strong> (${esc(latest.created.slice(0, 10))}): ${t.events.length} events, ${t.funding.length} funding flows and ${t.metrics.length} metrics about ${t.entities.length} entities, ${range}, from ${t.sources.length} source article(s)${publishers.length > 4 ? ` by ${publishers.length} publishers` : publishers.length ? ` (${publishers.map(esc).join(', ')})` : ''}${published.length ? ` published ${esc(published[0])} to ${esc(published[published.length - 1])}` : ''}.</p>
<ul class="counts">
${rows}
</ul>
${tierNote}
<details><summary>The ${t.sources.length} source article(s)</summary><ul class="sources">
${sourceList}
</ul></details>
</section>`
}

function sourceLine(s: Row): string {
  const url = /^https?:\/\//i.test(s.url) ? s.url : ''
  const title = esc(s.title || s.source_id)
  return `${url ? `<a href="${esc(url)}" rel="nofollow">${title}</a>` : title}${s.publisher ? `, ${esc(s.publisher)}` : ''}${s.published_on ? `, ${esc(s.published_on)}` : ''}`
}

interface Column {
  key: string
  label: string
  html: (r: Row) => string
  sort?: (r: Row) => string
  cls?: string
}

function tableSection(id: string, title: string, intro: string, columns: Column[], rows: Row[], key: string, c: Context, tiered: boolean): string {
  if (rows.length === 0) return `<section id="${id}"><h2>${esc(title)}</h2>\n${intro}<p>No ${esc(title.toLowerCase())} in this release.</p></section>`
  const head = `${columns.map((col) => `<th scope="col"><button type="button">${esc(col.label)}</button></th>`).join('')}<th scope="col">Evidence</th>`
  const body = rows
    .map((r) => {
      const cells = columns
        .map((col) => {
          const cls = col.cls ?? (col.key === 'status' && r.status === 'claimed' ? 'claimed' : '')
          const sort = col.sort ? ` data-sort="${esc(col.sort(r))}"` : ''
          return `<td data-label="${esc(col.label)}"${cls ? ` class="${cls}"` : ''}${sort}>${col.html(r)}</td>`
        })
        .join('')
      const tier = r.review_status ? ` data-tier="${esc(r.review_status)}"` : ''
      return `<tr id="${id}-${esc(r[key])}" data-id="${esc(r[key])}"${tier}>${cells}<td class="evidence"><details><summary>Evidence</summary>${evidenceHtml(c, id, r[key])}</details></td></tr>`
    })
    .join('\n')
  const reviewedOnly = tiered ? ' <label class="tier-only" hidden><input type="checkbox" data-reviewed-only> reviewed rows only</label>' : ''
  return `<section id="${id}" data-table="${id}">
<h2>${esc(title)}</h2>
${intro}
<p class="filter"><label>Filter ${esc(title.toLowerCase())}: <input type="search" aria-controls="${id}-table"></label>${reviewedOnly} <span class="count" data-count aria-live="polite">${rows.length} rows</span></p>
<div class="scroll"><table id="${id}-table" class="stack"><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>
</section>`
}

const when = (r: Row) => esc(r.date_text || (r.date_start || r.date_end ? '–' : 'no date in the text'))
const days = (r: Row) => esc(r.date_start || r.date_end ? whenText(r.date_start || null, r.date_end || null, r.date_qualifier || null) : 'undated')
const text = (k: string) => (r: Row) => esc(r[k])
const tier = (r: Row) => (r.review_status === 'machine' ? '<span class="tier">machine</span>' : esc(r.review_status))
const byDay = (r: Row) => r.date_start || r.date_end || ''

/** How amounts become US dollars, in the release's own words (its data dictionary), or why they do not. */
function conversionNote(input: PageInput): string {
  const fields = input.pkg.resources.find((r) => r.name === 'funding')?.schema.fields ?? []
  const describe = (name: string) => fields.find((f) => f.name === name)?.description ?? ''
  const converts = input.context.converts
  const how = converts
    ? `<p>Totals are in US dollars: each row’s <code>amount_usd</code>. The table below shows each converted row’s rate and period, so a sum can be redone by hand. Rows with no rate for their currency or month are added up in their own currency beside the dollars.</p><details><summary>How amounts are converted (the release’s data dictionary)</summary><p><code>amount_usd</code>: ${esc(describe('amount_usd'))}</p><p><code>usd_rate</code>: ${esc(describe('usd_rate'))}</p><p><code>usd_rate_period</code>: ${esc(describe('usd_rate_period'))}</p></details>`
    : '<p>This release converts no currency (its funding table has no <code>usd_rate</code>): <code>amount_usd</code> is filled for US-dollar rows only, so totals are given in each original currency.</p>'
  return `${how}<p><small>Totals leave out claimed and cancelled flows, and add decimals exactly. A round with several funders counts in full for each of them (the articles rarely say who paid how much). ≈ marks a total that includes an amount given as about, over or under.</small></p>`
}

function cellTotal(c: Context, label: string, rows: Row[]): string {
  if (rows.length === 0) return `<td data-label="${label}" class="none">–</td>`
  const t = fundingTotal(rows)
  const left = rows.length - t.rows
  return `<td data-label="${label}">${totalHtml(t, c.converts)} <small>(${t.rows}${left ? `; ${left} claimed or cancelled left out` : ''})</small></td>`
}

function fundingTotals(input: PageInput): string {
  const c = input.context
  const usd = (rows: Row[]) => Number(fundingTotal(rows).usd ?? 0)
  // ranked by the larger of the two dollar totals, each computed once
  const withFunding = [...input.profiles.values()]
    .filter((p) => p.raised.length || p.invested.length)
    .map((p) => ({ p, key: Math.max(usd(p.raised), usd(p.invested)) }))
    .sort((a, b) => b.key - a.key || a.p.entity.entity_id.localeCompare(b.p.entity.entity_id))
    .map((x) => x.p)
  const shown = withFunding.slice(0, 20)
  const rows = shown
    .map(
      (p) =>
        `<tr><th scope="row">${entityLink(c, p.entity.entity_id)}</th>${cellTotal(c, 'As recipient', p.raised)}${cellTotal(c, 'As funder', p.invested)}</tr>`,
    )
    .join('\n')
  const more =
    withFunding.length > shown.length ? `<p><small>The ${shown.length} largest of ${withFunding.length}; every entity’s page has its own.</small></p>` : ''
  return `<h3 id="funding-totals">Totals per entity</h3>
<div class="scroll"><table class="totals stack"><thead><tr><th scope="col">Entity</th><th scope="col">As recipient (flows)</th><th scope="col">As funder (flows)</th></tr></thead><tbody>
${rows}
</tbody></table></div>
${more}
${conversionNote(input)}`
}

function entitiesSection(input: PageInput): string {
  const c = input.context
  const ranked = [...input.profiles.values()].sort((a, b) => recordCount(b) - recordCount(a) || a.entity.entity_id.localeCompare(b.entity.entity_id))
  const top = ranked.slice(0, 30)
  const items = top
    .map(
      (p) =>
        `<li>${entityLink(c, p.entity.entity_id)} <small>${esc(p.entity.entity_type)} · ${recordCount(p)} record(s)${p.entity.review_status === 'machine' ? ' · machine' : ''}</small></li>`,
    )
    .join('\n')
  return `<section id="entities"><h2>Entities</h2>
<p>A page per person, organization and product: what it founded, launched, raised and from whom, and what it invested in, each with its evidence.${ranked.length > top.length ? ` The ${top.length} that appear in most records:` : ''}</p>
<ul class="entity-list">
${items}
</ul>
<p><a href="entities/index.html">All ${ranked.length} entities</a></p>
</section>`
}

export function searchBox(root: string): string {
  return `<form class="entity-search" role="search" hidden data-root="${esc(root)}" onsubmit="return false">
<label for="entity-search">Find an entity</label> <input id="entity-search" type="search" autocomplete="off" placeholder="name in English or Chinese" aria-describedby="entity-search-count">
<span id="entity-search-count" aria-live="polite"></span>
<ul id="entity-results"></ul>
</form>`
}

export function pageHead(title: string, description: string, root: string, extra = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(description)}">
<link rel="stylesheet" href="${root}style.css">
<link rel="icon" href="data:,">
${extra}</head>`
}

export function buildPage(input: PageInput): string {
  const { index, tables: t, pkg, context: c } = input
  const latest = index.releases.find((r) => r.version === index.latest) as ReleaseEntry
  const fundingEventIds = new Set(t.funding.map((f) => f.event_id).filter(Boolean))
  const datedFunding = new Set(t.funding.filter((f) => f.date_start || f.date_end).map((f) => f.event_id))
  const timeline: TimelineItem[] = [
    // a funding event with a dated funding row is drawn once, as the funding
    ...t.events
      .filter((e) => !(e.event_type === 'funding' && fundingEventIds.has(e.event_id) && datedFunding.has(e.event_id)))
      .map((r) => ({
        table: 'events' as const,
        id: r.event_id,
        label: r.summary_en.replace(/\.$/, '') || r.summary_zh,
        start: r.date_start || null,
        end: r.date_end || null,
        qualifier: r.date_qualifier || null,
        claimed: r.status === 'claimed',
        machine: r.review_status === 'machine',
      })),
    ...t.funding.map((r) => ({
      table: 'funding' as const,
      id: r.funding_id,
      label: `${formatAmount(r.amount, r.currency, r.amount_qualifier) || 'An undisclosed amount'} to ${shortName(c, r.recipient_id)}${funderLabel(c, r)}`,
      start: r.date_start || null,
      end: r.date_end || null,
      qualifier: r.date_qualifier || null,
      claimed: r.status === 'claimed',
      machine: r.review_status === 'machine',
    })),
  ]
  const tiered = (name: string) => (t.columns[name] ?? []).includes('review_status')
  const hasRound = (t.columns.funding ?? []).includes('round')

  const dictionary = pkg.resources
    .filter((r) => r.format === 'csv')
    .map(
      (r) => `<h3 id="dict-${esc(r.name)}">${esc(r.name)}</h3><p>Primary key: <code>${esc(r.schema.primaryKey.join(', '))}</code></p>
<div class="scroll"><table class="dict stack"><thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead><tbody>
${r.schema.fields.map((f) => `<tr><td data-label="Column"><code>${esc(f.name)}</code></td><td data-label="Type">${esc(f.type)}</td><td data-label="Required">${f.constraints?.required ? 'yes' : 'no'}</td><td data-label="Description">${esc(f.description)}${f.constraints?.enum ? ` <small>(${esc(f.constraints.enum.join(', '))})</small>` : ''}</td></tr>`).join('\n')}
</tbody></table></div>`,
    )
    .join('\n')

  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: TITLE,
    description: pkg.description,
    version: latest.version,
    datePublished: latest.created.slice(0, 10),
    license: 'https://creativecommons.org/licenses/by/4.0/',
    creator: { '@type': 'Organization', name: 'Fengkou' },
    inLanguage: ['zh', 'en'],
    keywords: ['events', 'funding', 'Chinese news', 'provenance'],
    distribution: latest.files
      .filter((f) => isDownload(f.path, latest.version))
      .map((f) => ({
        '@type': 'DataDownload',
        name: f.path,
        contentUrl: `releases/${latest.version}/${f.path}`,
        encodingFormat: encoding(f.path),
        contentSize: `${f.bytes} B`,
        sha256: f.sha256,
      })),
  }

  const ld = `<script type="application/ld+json">${JSON.stringify(jsonLd).replace(/</g, '\\u003c')}</script>\n`
  return `${pageHead(TITLE, pkg.description, '', ld)}
<body>
<header>
<h1>${esc(TITLE)}</h1>
<p class="lede">${esc(pkg.description)}</p>
<nav aria-label="Sections"><ul><li><a href="#holdings">Contents</a></li><li><a href="#downloads">Downloads</a></li><li><a href="#timeline">Timeline</a></li><li><a href="#funding">Funding</a></li><li><a href="#events">Events</a></li><li><a href="#metrics">Metrics</a></li><li><a href="#entities">Entities</a></li><li><a href="#conventions">Date conventions</a></li><li><a href="#dictionary">Data dictionary</a></li><li><a href="#cite">Cite</a></li></ul></nav>
${searchBox('')}
</header>
<main>
<div class="lead">
${holdings(input)}
${downloads(index)}
</div>
<section id="timeline"><h2>Timeline</h2>
<p class="legend"><span><i class="key dot"></i> a day</span><span><i class="key bar"></i> a vague period (the bar covers every day it can mean)</span><span><i class="key open"></i> open-ended (after or before a date)</span><span><i class="key dot funding"></i> funding</span><span><i class="key dot claimed"></i> claimed, not reported</span></p>
${timelineHtml(timeline)}
</section>
${tableSection(
  'funding',
  'Funding',
  fundingTotals(input),
  [
    { key: 'when', label: 'When (as written)', html: when, sort: byDay },
    { key: 'days', label: 'Days', html: days, sort: byDay },
    { key: 'recipient', label: 'Recipient', html: (r) => entityLink(c, r.recipient_id) },
    { key: 'funders', label: 'Funders', html: (r) => fundersHtml(c, r) },
    { key: 'amount', label: 'Amount', html: amountHtml, sort: (r) => r.amount_usd || r.amount, cls: 'num' },
    { key: 'funding_type', label: 'Type', html: (r) => esc([r.funding_type, hasRound && r.round ? `round ${r.round}` : ''].filter(Boolean).join(', ')) },
    { key: 'status', label: 'Status', html: text('status') },
    ...(tiered('funding') ? [{ key: 'review_status', label: 'Tier', html: tier }] : []),
  ],
  byDate(t.funding, 'funding_id'),
  'funding_id',
  c,
  tiered('funding'),
)}
${tableSection(
  'events',
  'Events',
  '',
  [
    { key: 'when', label: 'When (as written)', html: when, sort: byDay },
    { key: 'days', label: 'Days', html: days, sort: byDay },
    { key: 'event_type', label: 'Type', html: text('event_type') },
    { key: 'subject', label: 'Subject', html: (r) => entityLink(c, r.subject_id) },
    { key: 'summary_en', label: 'Summary', html: text('summary_en') },
    { key: 'summary_zh', label: '摘要', html: text('summary_zh') },
    { key: 'status', label: 'Status', html: text('status') },
    ...(tiered('events') ? [{ key: 'review_status', label: 'Tier', html: tier }] : []),
  ],
  byDate(t.events, 'event_id'),
  'event_id',
  c,
  tiered('events'),
)}
${tableSection(
  'metrics',
  'Metrics',
  '',
  [
    { key: 'when', label: 'When (as written)', html: when, sort: byDay },
    { key: 'subject', label: 'Subject', html: (r) => entityLink(c, r.subject_id) },
    { key: 'measure', label: 'Measure', html: text('measure') },
    {
      key: 'value',
      label: 'Value',
      html: (r) => esc(/^[A-Z]{3}$/.test(r.unit) ? formatAmount(r.value, r.unit, r.qualifier) : `${Number(r.value).toLocaleString('en-US')} ${r.unit}`),
      sort: (r) => r.value,
      cls: 'num',
    },
    { key: 'status', label: 'Status', html: text('status') },
    ...(tiered('metrics') ? [{ key: 'review_status', label: 'Tier', html: tier }] : []),
  ],
  byDate(t.metrics, 'metric_id'),
  'metric_id',
  c,
  tiered('metrics'),
)}
${entitiesSection(input)}
<section id="conventions"><h2>Date conventions</h2>
${input.conventions ? `<p><small>As the repository README states them, ${inlineHtml(input.conventions.title.replace(/^Date conventions\s*/, ''))}: how a vague date in the text becomes <code>date_start</code> and <code>date_end</code>.</small></p>\n${input.conventions.html}` : '<p>The README of this checkout has no date conventions section.</p>'}
</section>
<section id="dictionary"><h2>Data dictionary</h2>
${dictionary}
</section>
<section id="cite"><h2>Cite and license</h2>
<p>Fengkou (${esc(latest.created.slice(0, 4))}). <cite>${esc(TITLE)}</cite> (version ${esc(latest.version)}) [Data set]. See <a href="releases/${esc(latest.version)}/CITATION.cff">CITATION.cff</a>.</p>
<p>Data: <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>. Source articles remain their publishers'; only quoted evidence is shown.</p>
</section>
</main>
<script src="search-index.js" defer></script>
<script src="app.js" defer></script>
</body>
</html>
`
}

const shortName = (c: Context, id: string) => c.short.get(id) || id

function funderLabel(c: Context, f: Row): string {
  const ids = (c.funders.get(f.funding_id) ?? []).map((x) => shortName(c, x.entity_id))
  const names = ids.length ? ids : f.funder_names ? f.funder_names.split('; ') : []
  return names.length ? ` from ${names.join(', ')}` : ''
}

function encoding(path: string): string {
  if (path.endsWith('.csv')) return 'text/csv'
  if (path.endsWith('.parquet')) return 'application/vnd.apache.parquet'
  if (path.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  if (path.endsWith('.sqlite')) return 'application/vnd.sqlite3'
  if (path.endsWith('.duckdb')) return 'application/octet-stream'
  return 'application/gzip'
}
