/**
 * site: a static page for the dataset, built from the published releases (works offline, no CDN,
 * no server code): downloads with sizes and sha256, how to cite, a timeline chart, sortable and
 * filterable tables with their evidence in context, the data dictionary and schema.org JSON-LD.
 * in:  out/releases/index.json and releases, raw/<source_id>/article.txt (sentences around quotes)
 * out: out/site/ (index.html, style.css, app.js, releases/ copied for download)
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { normalizeText, splitSentences } from '../normalize/text.ts'
import type { Resource } from '../publish/data-package.ts'
import { TITLE } from '../publish/dataset-card.ts'
import { escapeHtml as esc } from '../publish/html.ts'
import { type ReleaseIndex, readIndex } from '../publish/release-index.ts'
import { type TimelineItem, timelineSvg } from '../publish/timeline-svg.ts'
import { readCsvRows as readCsv } from '../store/csv.ts'
import { readJson, sha256 } from '../store/files.ts'
import { ROOT } from '../store/layout.ts'
import { isMain, log, runStage, UserError } from '../store/run.ts'

type Row = Record<string, string>

const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`)

export function formatAmount(amount: string, currency: string, qualifier: string): string {
  if (!amount) return ''
  const n = Number(amount)
  const short = n >= 1e9 ? `${+(n / 1e9).toFixed(2)}B` : n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : n.toLocaleString('en-US')
  const sign = { about: '~', over: '>', under: '<' }[qualifier] ?? ''
  return `${sign}${currency === 'USD' ? 'US$' : `${currency} `}${short}`
}

/** The sentence holding an evidence span, with the quote marked; the quote alone when the text is not at hand. */
function evidenceInContext(e: Row, texts: Map<string, { chars: string[]; sentences: { start: number; end: number }[] }>): string {
  const t = texts.get(e.source_id)
  const start = Number(e.char_start)
  const end = Number(e.char_end)
  if (!t) return `<mark>${esc(e.quote)}</mark>`
  const first = t.sentences.find((s) => s.start <= start && start < s.end) ?? { start, end }
  const last = t.sentences.find((s) => s.start < end && end <= s.end) ?? { start, end }
  const slice = (a: number, b: number) => esc(t.chars.slice(a, b).join(''))
  return `${slice(first.start, start)}<mark>${slice(start, end)}</mark>${slice(end, last.end)}`
}

function loadTexts(raw: string, sources: Row[]) {
  const texts = new Map<string, { chars: string[]; sentences: { start: number; end: number }[] }>()
  for (const s of sources) {
    const file = path.join(raw, s.source_id, 'article.txt')
    if (!fs.existsSync(file)) continue
    const text = normalizeText(fs.readFileSync(file, 'utf8'))
    if (sha256(text) !== s.text_sha256) continue
    texts.set(s.source_id, { chars: Array.from(text), sentences: splitSentences(text) })
  }
  return texts
}

function tableSection(id: string, title: string, columns: [string, string][], rows: Row[], key: string, evidence: Map<string, string>): string {
  const head = `${columns.map(([, label]) => `<th scope="col"><button type="button">${esc(label)}</button></th>`).join('')}<th scope="col">Evidence</th>`
  const body = rows
    .map((r) => {
      const cells = columns
        .map(([col]) => {
          const v = r[col] ?? ''
          const cls = col === 'status' && v === 'claimed' ? ' class="claimed"' : /amount|value/.test(col) ? ' class="num"' : ''
          const sort = col === 'amount_text' ? ` data-sort="${esc(r.amount || r.value || '')}"` : ''
          return `<td${cls}${sort}>${esc(v)}</td>`
        })
        .join('')
      return `<tr data-id="${esc(r[key])}">${cells}<td><details><summary>Evidence</summary>${evidence.get(r[key]) ?? ''}</details></td></tr>`
    })
    .join('\n')
  return `<section id="${id}" data-table="${id}">
<h2>${esc(title)}</h2>
<p class="filter"><label>Filter ${esc(title.toLowerCase())}: <input type="search" aria-controls="${id}-table"></label> <span data-count aria-live="polite">${rows.length} rows</span></p>
<div class="scroll"><table id="${id}-table"><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>
</section>`
}

/**
 * Funding in US dollars per recipient: the rows that are not claims and have amount_usd, summed in
 * cents (integers, so the sum has no float drift), with the rows left out counted and the conversion
 * explained (README, "Amounts in US dollars").
 */
export function usdTotals(funding: Row[], names: Map<string, string>): string {
  const by = new Map<string, { cents: bigint; rows: number; without: number }>()
  for (const r of funding) {
    if (r.status === 'claimed') continue
    const t = by.get(r.recipient_id) ?? { cents: 0n, rows: 0, without: 0 }
    if (r.amount_usd) {
      t.cents += BigInt(Math.round(Number(r.amount_usd) * 100))
      t.rows++
    } else t.without++
    by.set(r.recipient_id, t)
  }
  const dollars = (c: bigint) => `${(c / 100n).toLocaleString('en-US')}.${String(c % 100n).padStart(2, '0')}`
  const body = [...by.entries()]
    .sort((a, b) => (a[1].cents === b[1].cents ? (a[0] < b[0] ? -1 : 1) : a[1].cents > b[1].cents ? -1 : 1))
    .map(
      ([id, t]) =>
        `<tr><td>${esc(names.get(id) ?? id)}</td><td class="num">${t.rows ? esc(dollars(t.cents)) : ''}</td><td class="num">${t.rows}</td><td class="num">${t.without}</td></tr>`,
    )
    .join('\n')
  return `<section id="usd-totals"><h2>Funding in US dollars</h2>
<p>Per recipient, the funding rows that are not claims, summed in US dollars: amounts in dollars as stated; other currencies converted at the US Federal Reserve's monthly average rate of the flow's month (the publication month when the text gives no date, the year's average when it gives only the year), rounded to the cent. Each row's <code>usd_rate</code> and <code>usd_rate_period</code> say which rate. A row with only bounds (数千万), no amount or no rate for its currency and month is counted apart, not guessed.</p>
<div class="scroll"><table><thead><tr><th scope="col">Recipient</th><th scope="col">US dollars</th><th scope="col">Rows summed</th><th scope="col">Rows without a dollar amount</th></tr></thead><tbody>
${body}
</tbody></table></div>
</section>`
}

export function buildPage(index: ReleaseIndex, releases: string, raw: string): string {
  const latest = index.latest
  if (!latest) throw new UserError(`site: no release in ${releases}; publish one with make release VERSION=x.y.z`)
  const dir = path.join(releases, latest)
  const pkg = readJson<{ description: string; resources: Resource[] }>(path.join(dir, 'datapackage.json'))
  const t = (name: string) => readCsv(path.join(dir, `${name}.csv`))
  const [sources, entities, events, funding, metrics, evidenceRows] = ['sources', 'entities', 'events', 'funding', 'metrics', 'evidence'].map(t)
  const names = new Map(entities.map((e) => [e.entity_id, e.name_zh ? `${e.name_en} (${e.name_zh})` : e.name_en]))
  const sourceTitle = new Map(sources.map((s) => [s.source_id, s.title || s.source_id]))
  const texts = loadTexts(raw, sources)
  const evidence = new Map<string, string>()
  for (const e of evidenceRows) {
    const html = `<blockquote>${evidenceInContext(e, texts)}</blockquote><p><small>Source: ${esc(sourceTitle.get(e.source_id))} (<code>${esc(e.source_id)}</code>), code points ${e.char_start}–${e.char_end}</small></p>`
    evidence.set(e.record_id, (evidence.get(e.record_id) ?? '') + html)
  }
  const when = (r: Row) => r.date_text || (r.date_precision === 'unknown' ? 'no date in the text' : '')
  const eventRows = events.map((r) => ({
    ...r,
    when: when(r),
    range: r.date_start || r.date_end ? `${r.date_start || '…'} – ${r.date_end || '…'}` : '',
    subject: names.get(r.subject_id) ?? r.subject_id,
  }))
  const fundingRows = funding.map((r) => ({
    ...r,
    when: when(r),
    amount_text: formatAmount(r.amount, r.currency, r.amount_qualifier),
    recipient: names.get(r.recipient_id) ?? r.recipient_id,
  }))
  const metricRows = metrics.map((r) => ({
    ...r,
    when: when(r),
    amount_text:
      r.unit.length === 3 && r.unit === r.unit.toUpperCase()
        ? formatAmount(r.value, r.unit, r.qualifier)
        : `${Number(r.value).toLocaleString('en-US')} ${r.unit}`,
    subject: names.get(r.subject_id) ?? r.subject_id,
  }))

  const timeline: TimelineItem[] = [
    ...events.map((r) => ({
      table: 'events' as const,
      id: r.event_id,
      label: r.summary_en.replace(/\.$/, '').slice(0, 60),
      start: r.date_start || null,
      end: r.date_end || null,
      qualifier: r.date_qualifier || null,
      claimed: r.status === 'claimed',
    })),
    ...funding.map((r) => ({
      table: 'funding' as const,
      id: r.funding_id,
      label: `${formatAmount(r.amount, r.currency, r.amount_qualifier)} to ${names.get(r.recipient_id) ?? r.recipient_id} from ${r.funder_names}`,
      start: r.date_start || null,
      end: r.date_end || null,
      qualifier: r.date_qualifier || null,
      claimed: r.status === 'claimed',
    })),
  ]

  const downloads = index.releases
    .slice()
    .reverse()
    .map((rel) => {
      const files = rel.files.filter((f) => /\.(csv|parquet|tar\.gz)$/.test(f.path) && !f.path.startsWith('changes/'))
      const rows = files
        .map(
          (f) =>
            `<tr><td><a href="releases/${esc(rel.version)}/${esc(f.path)}" download>${esc(f.path)}</a></td><td class="num">${bytes(f.bytes)}</td><td class="hash">${f.sha256}</td></tr>`,
        )
        .join('\n')
      return `<h3>Version ${esc(rel.version)}${rel.version === latest ? ' (latest)' : ''}, ${esc(rel.created.slice(0, 10))}</h3>
<p><a href="releases/${esc(rel.version)}/README.md">Dataset card</a> · <a href="releases/${esc(rel.version)}/CHANGELOG.md">Changelog</a> · <a href="releases/${esc(rel.version)}/datapackage.json">datapackage.json</a> · <a href="releases/${esc(rel.version)}/SHA256SUMS">SHA256SUMS</a> · <a href="releases/${esc(rel.version)}/CITATION.cff">CITATION.cff</a></p>
<div class="scroll"><table><thead><tr><th scope="col">File</th><th scope="col">Size</th><th scope="col">sha256</th></tr></thead><tbody>
${rows}
</tbody></table></div>`
    })
    .join('\n')

  const dictionary = pkg.resources
    .filter((r) => r.format === 'csv')
    .map(
      (r) => `<h3 id="dict-${esc(r.name)}">${esc(r.name)}</h3><p>Primary key: <code>${esc(r.schema.primaryKey.join(', '))}</code></p>
<div class="scroll"><table><thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead><tbody>
${r.schema.fields.map((f) => `<tr><td><code>${esc(f.name)}</code></td><td>${esc(f.type)}</td><td>${f.constraints?.required ? 'yes' : 'no'}</td><td>${esc(f.description)}${f.constraints?.enum ? ` <small>(${esc(f.constraints.enum.join(', '))})</small>` : ''}</td></tr>`).join('\n')}
</tbody></table></div>`,
    )
    .join('\n')

  const latestEntry = index.releases.find((r) => r.version === latest)
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: TITLE,
    description: pkg.description,
    version: latest,
    datePublished: latestEntry?.created.slice(0, 10),
    license: 'https://creativecommons.org/licenses/by/4.0/',
    creator: { '@type': 'Organization', name: 'Fengkou' },
    inLanguage: ['zh', 'en'],
    keywords: ['events', 'funding', 'Chinese news', 'provenance'],
    distribution: (latestEntry?.files ?? [])
      .filter((f) => /\.(csv|parquet|tar\.gz)$/.test(f.path) && !f.path.startsWith('changes/'))
      .map((f) => ({
        '@type': 'DataDownload',
        name: f.path,
        contentUrl: `releases/${latest}/${f.path}`,
        encodingFormat: f.path.endsWith('.csv') ? 'text/csv' : f.path.endsWith('.parquet') ? 'application/vnd.apache.parquet' : 'application/gzip',
        contentSize: `${f.bytes} B`,
        sha256: f.sha256,
      })),
  }

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(TITLE)}</title>
<meta name="description" content="${esc(pkg.description)}">
<link rel="stylesheet" href="style.css">
<link rel="icon" href="data:,">
<script type="application/ld+json">${JSON.stringify(jsonLd).replace(/</g, '\\u003c')}</script>
</head>
<body>
<header>
<h1>${esc(TITLE)}</h1>
<p>${esc(pkg.description)} Latest version: <strong>${esc(latest)}</strong>.</p>
<nav aria-label="Sections"><ul><li><a href="#downloads">Downloads</a></li><li><a href="#timeline">Timeline</a></li><li><a href="#events">Events</a></li><li><a href="#usd-totals">In US dollars</a></li><li><a href="#funding">Funding</a></li><li><a href="#metrics">Metrics</a></li><li><a href="#dictionary">Data dictionary</a></li><li><a href="#cite">Cite</a></li></ul></nav>
</header>
<main>
<section id="downloads"><h2>Downloads</h2>
<p>Every table as CSV (UTF-8, comma, LF, empty = null) and Parquet (zstd), plus one archive of the whole release. Check a download with <code>sha256sum -c SHA256SUMS</code>.</p>
${downloads}
</section>
<section id="timeline"><h2>Timeline</h2>
<p class="legend"><span>● a day</span><span>▬ a vague period (the bar covers every day it can mean)</span><span>┄ open-ended (after or before a date)</span><span style="color:#1a7f4b">green: funding</span><span class="claimed">dashed: claimed, not reported</span></p>
<div class="scroll">${timelineSvg(timeline)}</div>
</section>
${tableSection(
  'events',
  'Events',
  [
    ['when', 'When (as written)'],
    ['range', 'Days'],
    ['event_type', 'Type'],
    ['subject', 'Subject'],
    ['summary_en', 'Summary'],
    ['summary_zh', '摘要'],
    ['status', 'Status'],
  ],
  eventRows,
  'event_id',
  evidence,
)}
${usdTotals(funding, names)}
${tableSection(
  'funding',
  'Funding',
  [
    ['when', 'When (as written)'],
    ['funding_type', 'Type'],
    ['status', 'Status'],
    ['recipient', 'Recipient'],
    ['funder_names', 'Funders'],
    ['amount_text', 'Amount'],
  ],
  fundingRows,
  'funding_id',
  evidence,
)}
${tableSection(
  'metrics',
  'Metrics',
  [
    ['when', 'When (as written)'],
    ['subject', 'Subject'],
    ['measure', 'Measure'],
    ['amount_text', 'Value'],
    ['status', 'Status'],
  ],
  metricRows,
  'metric_id',
  evidence,
)}
<section id="dictionary"><h2>Data dictionary</h2>
${dictionary}
</section>
<section id="cite"><h2>Cite and license</h2>
<p>Fengkou (${esc(latestEntry?.created.slice(0, 4))}). <cite>${esc(TITLE)}</cite> (version ${esc(latest)}) [Data set]. See <a href="releases/${esc(latest)}/CITATION.cff">CITATION.cff</a>.</p>
<p>Data: <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>. Source articles remain their publishers'; only quoted evidence is shown.</p>
</section>
</main>
<script src="app.js" defer></script>
</body>
</html>
`
}

export function main({ releases, raw, out }: { releases: string; raw: string; out: string }): void {
  const index = readIndex(releases)
  const html = buildPage(index, releases, raw)
  const tmp = `${out}.tmp-${process.pid}`
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp, { recursive: true })
  fs.writeFileSync(path.join(tmp, 'index.html'), html)
  for (const asset of ['style.css', 'app.js']) fs.copyFileSync(path.join(ROOT, 'pipeline', 'publish', 'site-assets', asset), path.join(tmp, asset))
  for (const rel of index.releases) fs.cpSync(path.join(releases, rel.version), path.join(tmp, 'releases', rel.version), { recursive: true })
  const old = `${out}.old-${process.pid}`
  if (fs.existsSync(out)) fs.renameSync(out, old)
  fs.renameSync(tmp, out)
  fs.rmSync(old, { recursive: true, force: true })
  log('site', `${out}/index.html for ${index.releases.length} release(s)`)
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { releases: { type: 'string', default: 'out/releases' }, raw: { type: 'string', default: 'raw' }, out: { type: 'string', default: 'out/site' } },
  })
  runStage('site', () => main(values as { releases: string; raw: string; out: string }))
}
