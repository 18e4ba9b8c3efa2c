/**
 * A page per entity (out/site/entities/<entity_id>.html), pure: what it founded, launched, raised
 * and from whom, what it invested in, and the other events it takes part in, each with its evidence
 * and sources; the list of every entity; and the search index the search box reads.
 */
import { TITLE } from './dataset-card.ts'
import { escapeHtml as esc } from './html.ts'
import { type EntityProfile, fundingTotal, type Row, recordCount } from './site-data.ts'
import { pageHead, searchBox } from './site-page.ts'
import { amountHtml, type Context, entityLink, evidenceHtml, fundersHtml, totalHtml } from './site-parts.ts'
import { whenText } from './timeline.ts'

const dateOf = (r: Row) => (r.date_start || r.date_end ? whenText(r.date_start || null, r.date_end || null, r.date_qualifier || null) : 'undated')
const written = (r: Row) => (r.date_text ? ` <small>(${esc(r.date_text)})</small>` : '')
const tags = (c: Context, r: Row) =>
  `${r.status === 'claimed' ? ` <small class="claimed">claimed${r.attributed_to ? ` by ${entityLink(c, r.attributed_to)}` : ''}</small>` : ''}${r.review_status === 'machine' ? ' <small class="tier">machine</small>' : ''}`

function item(c: Context, table: string, id: string, r: Row, body: string): string {
  return `<li id="${table}-${esc(id)}"><p><span class="when">${esc(dateOf(r))}</span>${written(r)} ${body}${tags(c, r)}</p>
<details><summary>Evidence</summary>${evidenceHtml(c, table, id)}</details></li>`
}

function fundingItem(c: Context, f: Row, self: string, side: 'raised' | 'invested'): string {
  // a claim says so in its own tag
  const what = [f.funding_type, f.round ? `round ${f.round}` : '', f.status === 'claimed' ? '' : f.status].filter(Boolean).map(esc).join(', ')
  const funders = c.funders.get(f.funding_id) ?? []
  const others = funders.filter((x) => x.entity_id !== self)
  const lead = funders.some((x) => x.entity_id === self && x.is_lead) ? ' <small>(as lead)</small>' : ''
  const partners = others.length
    ? ` <small>with</small> ${others.map((x) => `${entityLink(c, x.entity_id)}${x.is_lead ? ' <small>(lead)</small>' : ''}`).join(', ')}`
    : ''
  const who = side === 'raised' ? `from ${fundersHtml(c, f)}` : `to ${entityLink(c, f.recipient_id)}${lead}${partners}`
  return item(c, 'funding', f.funding_id, f, `<strong>${amountHtml(f) || 'amount not given'}</strong> ${who} <small>· ${what}</small>`)
}

const counted = (all: number, rows: number) => `<small>(${rows} flow(s)${all > rows ? `; ${all - rows} claimed or cancelled left out` : ''})</small>`

function list(title: string, id: string, items: string[], lead = ''): string {
  if (items.length === 0) return ''
  return `<section id="${id}"><h2>${esc(title)}</h2>${lead}<ol class="records">\n${items.join('\n')}\n</ol></section>`
}

export function entityPage(p: EntityProfile, c: Context, version: string): string {
  const e = p.entity
  const title = e.name_zh && e.name_zh !== e.name_en ? `${e.name_en} (${e.name_zh})` : e.name_en || e.name_zh
  const wikidata = /^Q\d+$/.test(e.wikidata_id ?? '')
    ? ` · <a href="https://www.wikidata.org/wiki/${esc(e.wikidata_id)}">Wikidata ${esc(e.wikidata_id)}</a>`
    : ''
  const raised = fundingTotal(p.raised)
  const invested = fundingTotal(p.invested)
  const totals = [
    p.raised.length ? `<li>As recipient: <strong>${totalHtml(raised, c.converts)}</strong> ${counted(p.raised.length, raised.rows)}</li>` : '',
    p.invested.length
      ? `<li>As funder, in flows totalling <strong>${totalHtml(invested, c.converts)}</strong> ${counted(p.invested.length, invested.rows)}</li>`
      : '',
  ].join('')
  const sections = [
    list(
      'Founded',
      'founded',
      p.founded.map((ev) => item(c, 'events', ev.event_id, ev, `${entityLink(c, ev.subject_id)}: ${esc(ev.summary_en)}`)),
    ),
    list(
      'Launched',
      'launched',
      p.launched.map(({ event, products }) =>
        item(c, 'events', event.event_id, event, `${products.length ? `${products.map((x) => entityLink(c, x)).join(', ')}: ` : ''}${esc(event.summary_en)}`),
      ),
    ),
    list(
      'Raised',
      'raised',
      p.raised.map((f) => fundingItem(c, f, e.entity_id, 'raised')),
    ),
    list(
      'Invested in',
      'invested',
      p.invested.map((f) => fundingItem(c, f, e.entity_id, 'invested')),
    ),
    list(
      'Other events',
      'events',
      p.other.map(({ event, roles }) =>
        item(c, 'events', event.event_id, event, `${esc(event.summary_en || event.summary_zh)} <small>(${roles.map(esc).join(', ')})</small>`),
      ),
    ),
  ].join('\n')
  return `${pageHead(`${title} · Fengkou`, `${title} in the Fengkou dataset`, '../')}
<body>
<header>
<p class="crumbs"><a href="../index.html">${esc(TITLE)}</a> › <a href="index.html">Entities</a></p>
<h1>${esc(title)}</h1>
<p class="lede">${esc(e.entity_type)}${e.review_status === 'machine' ? ' · <span class="tier">machine</span> (found in the text, not yet in the curated list)' : ''}${wikidata}${e.description_en ? `<br>${esc(e.description_en)}` : ''}</p>
${p.names.length > 1 ? `<p><small>Written as: ${p.names.map(esc).join(', ')}</small></p>` : ''}
${totals ? `<ul class="entity-totals">${totals}</ul><p><small>Totals as on the <a href="../index.html#funding-totals">front page</a>: claimed and cancelled flows left out; a round counts in full for each funder.</small></p>` : ''}
${searchBox('../')}
</header>
<main>
${sections || '<p>No event or funding row names this entity as a participant.</p>'}
<p><small>Version ${esc(version)} of the dataset. <code>${esc(e.entity_id)}</code> is its <code>entity_id</code>.</small></p>
</main>
<script src="../search-index.js" defer></script>
<script src="../app.js" defer></script>
</body>
</html>
`
}

export function entitiesIndexPage(profiles: EntityProfile[], c: Context): string {
  const types = ['organization', 'person', 'product']
  const groups = types
    .map((t) => {
      const of = profiles.filter((p) => p.entity.entity_type === t).sort((a, b) => a.entity.entity_id.localeCompare(b.entity.entity_id))
      if (of.length === 0) return ''
      return `<section><h2>${esc(t)}s (${of.length})</h2><ul class="entity-list">\n${of.map((p) => `<li>${entityLink(c, p.entity.entity_id)} <small>${recordCount(p)} record(s)${p.entity.review_status === 'machine' ? ' · machine' : ''}</small></li>`).join('\n')}\n</ul></section>`
    })
    .join('\n')
  return `${pageHead('Entities · Fengkou', 'Every entity of the Fengkou dataset', '../')}
<body>
<header>
<p class="crumbs"><a href="../index.html">${esc(TITLE)}</a></p>
<h1>Entities</h1>
${searchBox('../')}
</header>
<main>
${groups}
</main>
<script src="../search-index.js" defer></script>
<script src="../app.js" defer></script>
</body>
</html>
`
}

/** search-index.js: the entities as a script that sets one global, so the search works from file:// too (no fetch). */
export function searchIndexScript(profiles: EntityProfile[]): string {
  const entries = profiles
    .map((p) => ({
      id: p.entity.entity_id,
      name: p.entity.name_zh && p.entity.name_zh !== p.entity.name_en ? `${p.entity.name_en} (${p.entity.name_zh})` : p.entity.name_en || p.entity.name_zh,
      type: p.entity.entity_type,
      records: recordCount(p),
      keys: [p.entity.entity_id, ...p.names].join('\u0000').toLowerCase(),
    }))
    .sort((a, b) => a.id.localeCompare(b.id))
  return `// Generated by make site: every entity, for the search box (app.js)\nwindow.FENGKOU_ENTITIES = ${JSON.stringify(entries).replace(/</g, '\\u003c')}\n`
}
