/** The release's README.md (dataset card, with front matter for Hugging Face and Zenodo) and CITATION.cff. */
import conventions from '../normalize/date-conventions.json' with { type: 'json' }
import { TABLES } from '../store/table-schemas.ts'
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

| table | rows | of which machine tier | one row per |
|---|---|---|---|
${TABLES.map((t) => `| ${t} | ${c.counts[t] ?? 0} | ${t in c.machine ? c.machine[t] : '–'} | ${GRAIN[t]} |`).join('\n')}

Two tiers: \`review_status = reviewed\` rows come from annotations a curator confirmed;
\`review_status = machine\` rows were drafted from the text by the project's rules and no one has
checked them (every amount and date still comes from the quoted evidence). Keep only reviewed rows
for curated figures: \`funding[funding.review_status == "reviewed"]\` (pandas),
\`WHERE review_status = 'reviewed'\` (SQL).

Each table is here as CSV (UTF-8, comma, \`"\` quoting, LF, empty field = null) and Parquet (zstd, same
rows and values, sorted by primary key). \`datapackage.json\` (Frictionless Data Package v2) has
every column's type, description and constraints, primary and foreign keys, and each file's size
and sha256; \`SHA256SUMS\` checks the files with \`sha256sum -c SHA256SUMS\`. \`changes/\` holds the
row-level differences from the previous release as CSV.

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
  (exact, about, over, under), bounds when the text gives them, \`amount_usd\` only for USD (no
  exchange rates are applied). Money mentions say how the currency was chosen (\`currency_rule\`:
  written, context, source_default, default), whether the figure is a loss or a conversion
  (\`amount_role\`), and why a figure that is no one number has no amount (\`amount_refused\`).
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

## License and citation

Data: CC BY 4.0. Cite as:

> Fengkou (${c.created.slice(0, 4)}). *${TITLE}* (version ${c.version}) [Data set]. See CITATION.cff.

## Changes in this version

${c.changelogHead.trim()}
`
}

const GRAIN: Record<string, string> = {
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
