/** The release's README.md (dataset card, with front matter for Hugging Face and Zenodo) and CITATION.cff. */
import conventions from '../normalize/date-conventions.json' with { type: 'json' }
import { columns, DECIMAL_TYPE, TABLES } from '../store/table-schemas.ts'
import { mdCode, mdText } from './markdown.ts'

export interface CardInput {
  version: string
  created: string
  counts: Record<string, number>
  /** rows of the machine tier (review_status = machine) per table that has the column */
  machine: Record<string, number>
  sources: { source_id: string; title: string; publisher: string; url: string; published_on: string }[]
  changelogHead: string
}

export const TITLE = 'Fengkou: events and funding from Chinese-language tech and finance news'

/** Hugging Face's size category for the largest table. */
export function sizeCategory(counts: Record<string, number>): string {
  const n = Math.max(0, ...Object.values(counts))
  const bands: [number, string][] = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
  ]
  return bands.find(([limit]) => n < limit)?.[1] ?? '10M<n<100M'
}

export function datasetCard(c: CardInput): string {
  const configs = TABLES.map((t) => `  - config_name: ${t}\n    data_files: ${t}.parquet`).join('\n')
  return `---
title: "${TITLE}"
pretty_name: Fengkou events and funding
version: ${c.version}
date: ${c.created.slice(0, 10)}
license: cc-by-4.0
upload_type: dataset
creators:
  - name: Fengkou
language:
  - zh
  - en
tags:
  - events
  - funding
  - provenance
  - chinese-news
size_categories:
  - ${sizeCategory(c.counts)}
configs:
${configs}
---

# ${TITLE}, version ${c.version}

Who founded, left, launched, invested, donated, pledged or claimed what, when and for how much,
extracted from Chinese-language news. Every event, funding and metric row has at least one
\`evidence\` row: the exact quote and its code point offsets in the source text.

## Contents

| table | rows | reviewed | machine | one row per |
|---|---|---|---|---|
${TABLES.map((t) => `| ${t} | ${c.counts[t] ?? 0} | ${t in c.machine ? (c.counts[t] ?? 0) - c.machine[t] : '–'} | ${t in c.machine ? c.machine[t] : '–'} | ${GRAIN[t]} |`).join('\n')}

Two tiers: \`review_status = reviewed\` rows come from annotations a curator confirmed;
\`review_status = machine\` rows were drafted from the text by the project's rules and no one has
checked them (every amount and date still comes from the quoted evidence). Keep only reviewed rows
for curated figures: \`funding[funding.review_status == "reviewed"]\` (pandas),
\`WHERE review_status = 'reviewed'\` (SQL).

Each table is here as CSV (UTF-8, comma, \`"\` quoting, LF, empty field = null) and Parquet (zstd, same
rows and values, sorted by primary key). \`datapackage.json\` (Frictionless Data Package v2) has
every column's type, description and constraints, primary and foreign keys, and each file's size
and sha256; \`SHA256SUMS\` checks the files with \`sha256sum -c SHA256SUMS\`. \`changes/\` holds the
row-level differences from the previous release as CSV. The same tables also come as one file each:

| file | what |
|---|---|
| \`fengkou-${c.version}.xlsx\` | Excel workbook: a first sheet \`about\` (this card's essentials and the data dictionary), then a sheet per table with typed cells and a frozen header |
| \`fengkou-${c.version}.duckdb\` | DuckDB database: every table with its keys and \`COMMENT ON\` descriptions, a \`data_dictionary\` table, views \`funding_by_funder\`, \`funding_totals_by_recipient\`, \`events_timeline\` (written by DuckDB 1.5.6: open it with 1.5 or later) |
| \`fengkou-${c.version}.sqlite\` | SQLite database with the same tables, keys, views and \`data_dictionary\`; \`datasette fengkou-${c.version}.sqlite\` opens it as it is |
| \`fengkou-${c.version}.tar.gz\` | all of the above in one folder \`fengkou-${c.version}/\`, with its \`SHA256SUMS\` |

Amounts (\`amount\`, \`amount_low\`, \`amount_high\`, \`amount_usd\`, metric and mention values) are decimals
with at most 4 places after the point: \`DECIMAL(38,4)\` in Parquet and DuckDB (pandas reads Python
\`Decimal\` objects, polars \`Decimal(38, 4)\`), \`NUMERIC\` in SQLite, numbers in the workbook (Excel keeps
15 significant digits), and in the CSV written without trailing zeros (\`1000000000\`, \`12.5\`), so a
sum is exact wherever the reader keeps decimals. Counts and offsets are integers.

## Open it in Excel

The CSV files are UTF-8 without a byte order mark, which Excel on Windows opens as another encoding
(Chinese names turn into \`é©¬æ–¯å…‹\`). Open \`fengkou-${c.version}.xlsx\` instead, or import a CSV through
**Data > From Text/CSV** with **File origin: 65001: Unicode (UTF-8)**. In the workbook, text that a
spreadsheet could take for a formula (starting with \`=\`, \`+\`, \`-\`, \`@\`, a tab or a carriage return)
begins with an apostrophe; curated text never starts so.

## Read the CSV files with their types

A reader that guesses types from the CSV takes a column that is empty in this release for text. The
types are in \`datapackage.json\`; generated from it, for every table:

\`\`\`sql
-- DuckDB
${csvLoaderDuckDB()}
\`\`\`
\`\`\`python
${csvLoaderPandas()}
\`\`\`
\`\`\`python
${csvLoaderPolars()}
\`\`\`

## Sources

${c.sources.map((s) => `- ${mdCode(s.source_id)}: ${s.title ? mdText(s.title) : '(untitled)'}${s.publisher ? `, ${mdText(s.publisher)}` : ', publisher unknown'}${s.published_on ? `, ${mdText(s.published_on)}` : ', publication date unknown'}${s.url ? ` (${mdText(s.url)})` : ''}`).join('\n')}

The article texts are not redistributed (their rights are not cleared); \`sources.text_sha256\`
identifies the exact text the offsets refer to.

## How it was made

A person reads each article and records which events, funding flows and figures it reports,
quoting the evidence verbatim. The normalizers then supply every number and date from the text
inside the quotes: amounts, currencies and qualifiers from money expressions (10亿美元 → 1,000,000,000
USD), dates from time expressions. A curator can override a machine value only with a written
reason, published in the \`notes\` column. The build checks primary and foreign keys, that every
record has evidence, and that every quote equals the source text at its offsets.

## Conventions

- Dates: \`date_text\` (verbatim), \`date_start\`/\`date_end\` (inclusive ISO days, null when unknown),
  \`date_precision\`, \`date_qualifier\` (early, mid, late, before, after, about) and \`date_edtf\`. Vague
  periods follow date conventions version ${conventions.version}: 年初 = 1 Jan–end of Feb, 年中 = Jun–Jul,
  年底/年末 = Nov–Dec, 月初 = days 1–5, 上旬/中旬/下旬 = 1–10/11–20/21–end, 月底 = day 25–end.
  A date with no year takes the year of the nearest earlier date in the article.
- Money: \`amount\` in \`currency\` (ISO 4217; 美元 and 美金 are USD), \`amount_qualifier\`
  (exact, about, over, under), bounds when the text gives them. \`amount_usd\` (and
  \`amount_low_usd\`/\`amount_high_usd\`) is the amount itself for USD; for other currencies the amount
  divided by the monthly average rate of the flow's month (of its publication when undated; the annual
  average when only the year is known), rounded half up to the cent (decimals, as above); \`usd_rate\` and
  \`usd_rate_period\` say which rate; null when there is none. Rates: US Federal Reserve, H.10/G.5
  foreign exchange rates, monthly and annual averages (via FRED, https://fred.stlouisfed.org/categories/158),
  public domain (ODC PDDL 1.0), as packaged by the Frictionless core dataset \`exchange-rates\`.
  Money mentions say how the currency was chosen (\`currency_rule\`:
  written, context, source_default, default), whether the figure is a loss or a conversion
  (\`amount_role\`), and why a figure that is no one number has no amount (\`amount_refused\`).
- One real flow or event reported by several sources is one row (matching conventions in the
  project's README): evidence from every source, \`source_count\` on events, the funders of all
  reports together; where reports disagree, \`notes\` says which value the row keeps and why.
- Claims: rows asserted by a party carry \`status = claimed\` and \`attributed_to\`. Valuations are
  metrics, never funding, so summing \`funding.amount_usd\` never counts a market value.

## Limitations

- Coverage: ${c.sources.length} source article(s), chosen by the team, not sampled: counts say nothing about
  the market as a whole.
- Machine-tier rows are unreviewed: a rule can misread a sentence; each row's evidence shows what it read.
- "Early 2018" is stored as January–February 2018 with qualifier \`early\`: a convention, not a fact.
- Entities link to Wikidata only where the curators were certain.

## Load it

\`\`\`python
import pandas as pd                      # pandas
funding = pd.read_parquet("funding.parquet")
funding[funding.status != "claimed"].groupby(["recipient_id", "funding_type"])["amount_usd"].sum()

import polars as pl                      # polars
events = pl.read_parquet("events.parquet").sort("date_start", nulls_last=True)
\`\`\`
\`\`\`r
library(arrow)                           # R
funding <- read_parquet("funding.parquet")
events <- read.csv("events.csv", na.strings = "", encoding = "UTF-8")
\`\`\`
\`\`\`sql
-- DuckDB: reviewed funding in US dollars per recipient and funder, claims excluded
SELECT f.recipient_id, fu.entity_id AS funder, f.funding_type, sum(f.amount_usd) AS usd
FROM 'funding.parquet' f JOIN 'funders.parquet' fu USING (funding_id)
WHERE f.status <> 'claimed' AND f.review_status = 'reviewed'
GROUP BY ALL ORDER BY usd DESC;
\`\`\`
\`\`\`sh
duckdb fengkou-${c.version}.duckdb -c "SELECT * FROM funding_totals_by_recipient"    # the one-file databases
sqlite3 fengkou-${c.version}.sqlite "SELECT * FROM funding_by_funder"
datasette fengkou-${c.version}.sqlite
\`\`\`

## License and citation

Data: CC BY 4.0. Cite as:

> Fengkou (${c.created.slice(0, 4)}). *${TITLE}* (version ${c.version}) [Data set]. See CITATION.cff.

## Changes in this version

${c.changelogHead.trim()}
`
}

export const GRAIN: Record<string, string> = {
  sources: 'source article',
  entities: 'person, organization or product',
  events: 'real-world event, deduplicated across sources',
  event_participants: '(event, entity, role)',
  funding: 'transfer or promise of money',
  funders: '(funding, funder)',
  metrics: 'stated figure that is not a flow of money',
  evidence: '(record, source span)',
  mentions: 'machine-extracted mention',
}

const kinds = (t: (typeof TABLES)[number]) => columns(t).map((c) => ({ name: c.name, type: c.type }))
const pyDict = (entries: [string, string][]) => `{${entries.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`

/** DuckDB: each table from its CSV with the package's column types, nothing guessed. */
export function csvLoaderDuckDB(): string {
  return TABLES.map((t) => {
    const cols = kinds(t)
      .map((c) => `'${c.name}': '${c.type}'`)
      .join(', ')
    return `CREATE TABLE ${t} AS SELECT * FROM read_csv('${t}.csv', header = true, auto_detect = false, nullstr = '', allow_quoted_nulls = false, columns = {${cols}});`
  }).join('\n')
}

const PANDAS: Record<string, string> = { VARCHAR: '"string"', BIGINT: '"Int64"', BOOLEAN: '"boolean"' }

/** pandas: dtypes per table, dates parsed, decimals read exactly (Decimal). */
export function csvLoaderPandas(): string {
  const types = TABLES.map((t) => {
    const cols = kinds(t)
    const dtype = pyDict(cols.filter((c) => PANDAS[c.type]).map((c) => [c.name, PANDAS[c.type]]))
    const dates = cols.filter((c) => c.type === 'DATE').map((c) => `"${c.name}"`)
    const decimals = cols.filter((c) => c.type === DECIMAL_TYPE).map((c) => `"${c.name}"`)
    return `    "${t}": (${dtype}, [${dates.join(', ')}], [${decimals.join(', ')}]),`
  })
  return [
    'import pandas as pd                      # pandas',
    'from decimal import Decimal',
    'TYPES = {  # table: (dtype, dates, decimals)',
    ...types,
    '}',
    'def read(table):',
    '    dtype, dates, decimals = TYPES[table]',
    '    return pd.read_csv(f"{table}.csv", dtype=dtype, parse_dates=dates, keep_default_na=False, na_values=[""],',
    '                       converters={c: (lambda s: Decimal(s) if s else None) for c in decimals})',
    'funding = read("funding")',
  ].join('\n')
}

const POLARS: Record<string, string> = { VARCHAR: 'pl.String', BIGINT: 'pl.Int64', BOOLEAN: 'pl.Boolean', DATE: 'pl.Date', [DECIMAL_TYPE]: 'pl.Decimal(38, 4)' }

/** polars: the full schema per table. */
export function csvLoaderPolars(): string {
  return [
    'import polars as pl                      # polars',
    'SCHEMAS = {',
    ...TABLES.map((t) => `    "${t}": ${pyDict(kinds(t).map((c) => [c.name, POLARS[c.type] ?? 'pl.String']))},`),
    '}',
    'def read(table):',
    '    return pl.read_csv(f"{table}.csv", schema=SCHEMAS[table], null_values=[""])',
    'funding = read("funding")',
  ].join('\n')
}

export function citationCff(version: string, created: string): string {
  return `cff-version: 1.2.0
message: "If you use this dataset, please cite it as below."
type: dataset
title: "${TITLE}"
version: "${version}"
date-released: "${created.slice(0, 10)}"
license: CC-BY-4.0
authors:
  - name: Fengkou
keywords:
  - events
  - funding
  - Chinese news
  - provenance
`
}
