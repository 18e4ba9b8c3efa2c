/**
 * site: a static site for the dataset, built from the published releases (works offline, from a
 * server or from file://; no CDN, no server code): a front page that leads with what the latest
 * release holds and its downloads, then the timeline, funding with totals per entity, events,
 * metrics, the date conventions and the data dictionary; a page per entity; a search box over them.
 * in:  out/releases/index.json and releases, raw/<source_id>/article.txt (sentences around quotes),
 *      README.md (its date conventions section, shown on the page as the README has it)
 * out: out/site/ (index.html, entities/, search-index.js, style.css, app.js, releases/ copied for download)
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { normalizeText, splitSentences } from '../normalize/text.ts'
import type { Resource } from '../publish/data-package.ts'
import { entitiesIndexPage, entityPage, searchIndexScript } from '../publish/entity-page.ts'
import { markdownToHtml, readmeSection } from '../publish/readme-section.ts'
import { readIndex } from '../publish/release-index.ts'
import { entityProfiles, fundersOf, type ReleaseTables, type Row } from '../publish/site-data.ts'
import { buildPage } from '../publish/site-page.ts'
import type { Context } from '../publish/site-parts.ts'
import { readCsvRows } from '../store/csv.ts'
import { readJson, sha256 } from '../store/files.ts'
import { displayPath, ROOT } from '../store/layout.ts'
import { isMain, log, runStage, UserError } from '../store/run.ts'

const TABLES = ['sources', 'entities', 'events', 'event_participants', 'funding', 'funders', 'metrics', 'evidence', 'mentions'] as const
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** A release's tables as its CSVs have them (a table the release lacks is empty), with each CSV's header. */
export function readRelease(dir: string): ReleaseTables {
  const out = { columns: {} } as ReleaseTables
  for (const t of TABLES) {
    const file = path.join(dir, `${t}.csv`)
    const exists = fs.existsSync(file)
    out[t] = exists ? readCsvRows(file) : []
    out.columns[t] = exists ? fs.readFileSync(file, 'utf8').split('\n', 1)[0].split(',') : []
  }
  // entity ids name the entity pages' files: refuse one that is not a slug rather than write outside entities/
  out.entities.forEach((e, i) => {
    if (!SLUG.test(e.entity_id ?? ''))
      throw new UserError(
        `${displayPath(path.join(dir, 'entities.csv'))}:${i + 2} entity_id\n  found ${JSON.stringify(e.entity_id)}; expected a slug (${SLUG.source}), which names the entity's page`,
      )
  })
  return out
}

function loadTexts(raw: string, sources: Row[]): Context['texts'] {
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

export function main({ releases, raw, out, readme = path.join(ROOT, 'README.md') }: { releases: string; raw: string; out: string; readme?: string }): void {
  const index = readIndex(releases)
  if (!index.latest) throw new UserError(`site: no release in ${displayPath(releases)}; publish one with make release VERSION=x.y.z`)
  const dir = path.join(releases, index.latest)
  const pkg = readJson<{ description: string; resources: Resource[] }>(path.join(dir, 'datapackage.json'))
  log('site', `reading release ${index.latest}`)
  const tables = readRelease(dir)
  const evidence = new Map<string, Row[]>()
  for (const e of tables.evidence) {
    const key = `${e.record_table}/${e.record_id}`
    const list = evidence.get(key)
    if (list) list.push(e)
    else evidence.set(key, [e])
  }
  const context: Context = {
    names: new Map(tables.entities.map((e) => [e.entity_id, e.name_zh && e.name_zh !== e.name_en ? `${e.name_en} (${e.name_zh})` : e.name_en || e.name_zh])),
    short: new Map(tables.entities.map((e) => [e.entity_id, e.name_en || e.name_zh])),
    sources: new Map(tables.sources.map((s) => [s.source_id, s])),
    evidence,
    texts: loadTexts(raw, tables.sources),
    funders: fundersOf(tables.funders),
    root: '',
    converts: tables.columns.funding.includes('usd_rate'),
  }
  const profiles = entityProfiles(tables)
  const section = fs.existsSync(readme) ? readmeSection(fs.readFileSync(readme, 'utf8'), 'Date conventions') : null
  const conventions = section ? { title: section.title, html: markdownToHtml(section.body) } : null

  const tmp = `${out}.tmp-${process.pid}`
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(path.join(tmp, 'entities'), { recursive: true })
  fs.writeFileSync(path.join(tmp, 'index.html'), buildPage({ index, tables, pkg, profiles, context, conventions }))
  const entityContext = { ...context, root: '../' }
  log('site', `writing ${profiles.size} entity pages`)
  for (const p of profiles.values()) fs.writeFileSync(path.join(tmp, 'entities', `${p.entity.entity_id}.html`), entityPage(p, entityContext, index.latest))
  fs.writeFileSync(path.join(tmp, 'entities', 'index.html'), entitiesIndexPage([...profiles.values()], entityContext))
  fs.writeFileSync(path.join(tmp, 'search-index.js'), searchIndexScript([...profiles.values()]))
  for (const asset of ['style.css', 'app.js']) fs.copyFileSync(path.join(ROOT, 'pipeline', 'publish', 'site-assets', asset), path.join(tmp, asset))
  for (const rel of index.releases) fs.cpSync(path.join(releases, rel.version), path.join(tmp, 'releases', rel.version), { recursive: true })
  const old = `${out}.old-${process.pid}`
  if (fs.existsSync(out)) fs.renameSync(out, old)
  fs.renameSync(tmp, out)
  fs.rmSync(old, { recursive: true, force: true })
  log('site', `${displayPath(out)}/index.html and ${profiles.size} entity pages for ${index.releases.length} release(s)`)
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { releases: { type: 'string', default: 'out/releases' }, raw: { type: 'string', default: 'raw' }, out: { type: 'string', default: 'out/site' } },
  })
  runStage('site', () => main(values as { releases: string; raw: string; out: string }))
}
