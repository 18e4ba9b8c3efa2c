import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main as buildSite, readRelease } from '../../pipeline/cli/site.ts'
import { readIndex } from '../../pipeline/publish/release-index.ts'
import { readCsvRows } from '../../pipeline/store/csv.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { quietly, tempDir } from '../helpers/run.ts'
import { fixtureRows, SCRIPT_NAME, writeSiteFixture } from '../publish/site-fixture.ts'

const RELEASES = path.join(ROOT, 'out', 'releases')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Screenshots a reader can look at after the run (out/ is git-ignored). */
const SHOTS = path.join(ROOT, 'out', 'test-screenshots')
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.csv': 'text/csv',
  '.json': 'application/json',
}
const WIDE = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }

let root: string
let fixture: { releases: string; raw: string }
let server: http.Server
let base: string
let browser: Browser

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: make test installs Debian's chromium (apt-get install chromium)`)
  root = tempDir('site')
  fixture = writeSiteFixture(path.join(root, 'fixture-input'))
  await quietly(() => buildSite({ releases: RELEASES, raw: path.join(ROOT, 'raw'), out: path.join(root, 'real') }))
  await quietly(() => buildSite({ releases: fixture.releases, raw: fixture.raw, out: path.join(root, 'fixture') }))
  fs.mkdirSync(SHOTS, { recursive: true })
  server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/\/$/, '/index.html'))
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  })
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

const latest = () => readIndex(RELEASES).latest as string
const csvRows = (table: string) => readCsvRows(path.join(RELEASES, latest(), `${table}.csv`))

/** A page of one of the two sites (real: the published releases; fixture: the made-up ones), in its own context. */
async function open(site: 'real' | 'fixture', file = '', viewport = WIDE, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport, javaScriptEnabled })
  const page = await context.newPage()
  await page.goto(`${base}${site}/${file}`)
  return page
}
const close = (page: Page) => page.context().close()
const ids = (page: Page, selector: string) => page.$$eval(selector, (rows) => rows.map((r) => r.getAttribute('data-id') ?? r.getAttribute('data-record')))
const visibleIds = (page: Page, selector: string) =>
  page.$$eval(selector, (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.getAttribute('data-id')))

describe('the dataset page of the published releases in Chromium', () => {
  it('loads the page and an entity page with no console errors and no failed requests', async () => {
    for (const file of ['', 'entities/openai.html', 'entities/index.html']) {
      const context = await browser.newContext()
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
      page.on('pageerror', (e) => problems.push(`page: ${e.message}`))
      page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`))
      page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`))
      await page.goto(`${base}real/${file}`, { waitUntil: 'networkidle' })
      expect(await page.title()).toMatch(/Fengkou/)
      expect([file, problems]).toEqual([file, []])
      await context.close()
    }
  })

  it('links every download to a file that exists and whose sha256 matches the page and the index', async () => {
    const page = await open('real')
    const links = await page.$$eval('a[download]', (as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', hash: a.getAttribute('data-sha256') ?? '' })))
    const indexed = new Map(readIndex(RELEASES).releases.flatMap((r) => r.files.map((f) => [`releases/${r.version}/${f.path}`, f.sha256])))
    expect(links.length).toBeGreaterThanOrEqual(19)
    for (const link of links) {
      const res = await page.request.get(`${base}real/${link.href}`)
      expect([link.href, res.status()]).toEqual([link.href, 200])
      const digest = sha256(await res.body())
      expect([link.href, digest]).toEqual([link.href, link.hash])
      expect(digest).toBe(indexed.get(link.href))
    }
    await close(page)
  })

  it('draws one timeline mark per dated event, a funding event once as its funding, and marks claims as claims', async () => {
    const page = await open('real')
    const funding = csvRows('funding')
    const drawnAsFunding = new Set(funding.filter((f) => f.date_start || f.date_end).map((f) => f.event_id))
    const dated = csvRows('events')
      .filter((e) => (e.date_start || e.date_end) && !(e.event_type === 'funding' && drawnAsFunding.has(e.event_id)))
      .map((e) => `events/${e.event_id}`)
    const marks = await page.$$eval('.tl [data-record^="events/"]', (gs) => gs.map((g) => g.getAttribute('data-record')))
    expect(marks.sort()).toEqual(dated.sort())
    const claimedFunding = funding.filter((f) => f.status === 'claimed' && (f.date_start || f.date_end))
    expect(await page.$$eval('.tl .mark.funding.claimed', (gs) => gs.length)).toBe(claimedFunding.length)
    await close(page)
  })

  it('narrows the events table as the filter is typed', async () => {
    const page = await open('real')
    const visible = () => page.$$eval('#events tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.textContent ?? ''))
    const all = await visible()
    expect(all).toHaveLength(csvRows('events').length)
    await page.fill('#events input[type=search]', 'ChatGPT')
    const some = await visible()
    expect(some.length).toBeGreaterThan(0)
    expect(some.length).toBeLessThan(all.length)
    for (const text of some) expect(text).toContain('ChatGPT')
    expect(await page.textContent('#events [data-count]')).toBe(`${some.length} of ${all.length} rows`)
    await close(page)
  })

  it('shows a row’s evidence quote highlighted inside its sentence, with its source', async () => {
    const page = await open('real')
    const row = page.locator('#funding tr[data-id="microsoft-openai-2019"]')
    await row.locator('summary').click()
    const quote = csvRows('evidence').find((e) => e.record_id === 'microsoft-openai-2019')?.quote
    expect(await row.locator('details mark').textContent()).toBe(quote)
    expect(await row.locator('details blockquote').textContent()).toContain('微软却看到其中的机会')
    expect(await row.locator('details').textContent()).toContain('000_2e1e9aed17e7acf1')
    await close(page)
  })

  it('reads without JavaScript: tables, evidence, chart and entity list are in the HTML', async () => {
    const page = await open('real', '', WIDE, false)
    expect(await page.$$eval('#funding-table tbody tr', (rows) => rows.length)).toBe(csvRows('funding').length)
    await page.locator('#events tbody tr').first().locator('summary').click()
    expect(await page.locator('#events tbody tr').first().locator('details').getAttribute('open')).not.toBeNull()
    expect(await page.$$eval('.tl .mark', (g) => g.length)).toBeGreaterThan(0)
    expect(await page.$$eval('#entities a[href^="entities/"]', (a) => a.length)).toBeGreaterThan(0)
    await close(page)
  })

  it('fits a 390 px screen and can be used from the keyboard', async () => {
    const page = await open('real', '', PHONE)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await page.focus('#events input[type=search]')
    await page.keyboard.press('Tab')
    // a release with tiers has the reviewed-only switch between the filter and the first column
    if (await page.evaluate(() => document.activeElement?.matches('[data-reviewed-only]'))) await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/When/)
    await page.keyboard.press('Enter')
    expect(await page.getAttribute('#events-table th:first-child', 'aria-sort')).toBe('ascending')
    await close(page)
  })

  it('describes the dataset in schema.org JSON-LD with a distribution per file', async () => {
    const page = await open('real')
    const ld = JSON.parse((await page.textContent('script[type="application/ld+json"]')) ?? '{}')
    expect(ld).toMatchObject({ '@type': 'Dataset', version: latest(), license: 'https://creativecommons.org/licenses/by/4.0/' })
    expect(ld.distribution.map((d: { name: string }) => d.name)).toContain('funding.parquet')
    await close(page)
  })
})

describe('the dataset page of a release with tiers, conversions and every format', () => {
  it('leads with what the dataset holds: rows per table and per tier, as the CSVs have them', async () => {
    const page = await open('fixture')
    for (const table of ['events', 'funding', 'entities'] as const) {
      const rows = fixtureRows(table)
      const li = page.locator(`#holdings li[data-table-count="${table}"]`)
      const machine = rows.filter((r) => r.review_status === 'machine').length
      expect([table, await li.textContent()]).toEqual([
        table,
        `${rows.length} ${table === 'funding' ? 'funding flows' : table} ${rows.length - machine} reviewed · ${machine} machine`,
      ])
    }
    expect(await page.textContent('#holdings')).toContain('from 2 source article(s) (示例周刊, 示例财经)')
    await close(page)
  })

  it('shows the timeline in the first screen at 1280 px, after the holdings and the downloads', async () => {
    const page = await open('fixture')
    const top = await page.$eval('#timeline .tl li.mark', (li) => li.getBoundingClientRect().top)
    expect(top).toBeLessThan(WIDE.height)
    expect(await page.$eval('#downloads', (d) => d.getBoundingClientRect().top)).toBeLessThan(top)
    await page.screenshot({ path: path.join(SHOTS, 'site-1280.png') })
    await page.locator('#funding').scrollIntoViewIfNeeded()
    await page.evaluate(() => document.querySelector('#funding')?.scrollIntoView())
    await page.screenshot({ path: path.join(SHOTS, 'site-1280-funding.png') })
    await close(page)
  })

  it('offers the latest version’s formats with sizes in one block, older versions and hashes folded away', async () => {
    const page = await open('fixture')
    const formats = await page.$$eval('#downloads ul.formats li', (lis) => lis.map((li) => li.textContent ?? ''))
    expect(formats.map((f) => f.split(/\s+\d/)[0])).toEqual(['Excel workbook', 'CSV and Parquet archive', 'DuckDB database', 'SQLite database', 'Parquet'])
    const index = readIndex(fixture.releases)
    const duckdb = index.releases[1].files.find((f) => f.path === 'fengkou-1.1.0.duckdb')!
    expect(formats[2]).toContain(`${(duckdb.bytes / 1024).toFixed(1)} KiB`)
    expect(await page.locator('#downloads .hash').first().isVisible()).toBe(false)
    expect(await page.locator('details.older').getAttribute('open')).toBeNull()
    await page.locator('details#files-1\\.1\\.0 > summary').click()
    expect(await page.locator('#files-1\\.1\\.0 .hash').first().isVisible()).toBe(true)
    for (const link of await page.$$eval('a[download]', (as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('data-sha256')]))) {
      const res = await page.request.get(`${base}fixture/${link[0]}`)
      expect([link[0], sha256(await res.body())]).toEqual(link)
    }
    await close(page)
  })

  it('lists events, funding and the timeline by date, undated last, with full labels', async () => {
    const page = await open('fixture')
    expect(await ids(page, '#events tbody tr')).toEqual([
      'd-xinghe-founded',
      'c-xinghe-one-launched',
      'e-lanwan-invests-chenguang',
      'a-xinghe-series-b',
      'b-lin-xiao-hiring',
    ])
    expect(await ids(page, '#funding-table tbody tr')).toEqual(['f-chenguang-a', 'f-xinghe-b', 'f-songtao-hkd'])
    // the two funding events are drawn once each, as their funding rows
    expect(await ids(page, '.tl li.mark')).toEqual(['events/d-xinghe-founded', 'events/c-xinghe-one-launched', 'funding/f-chenguang-a', 'funding/f-xinghe-b'])
    const launched = fixtureRows('events').find((e) => e.event_id === 'c-xinghe-one-launched')!
    expect(await page.textContent('.tl [data-record="events/c-xinghe-one-launched"] .tl-label a')).toBe(launched.summary_en.replace(/\.$/, ''))
    // sorting by a date column keeps undated rows last in both directions
    await page.click('#events-table th:nth-child(2) button')
    await page.click('#events-table th:nth-child(2) button')
    expect((await ids(page, '#events tbody tr')).at(-1)).toBe('b-lin-xiao-hiring')
    await close(page)
  })

  it('runs the timeline down the screen at 390 px with nothing wider than the screen', async () => {
    for (const file of ['', 'entities/xinghe-chips.html', 'entities/index.html']) {
      const page = await open('fixture', file, PHONE)
      expect([file, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([file, PHONE.width])
      await close(page)
    }
    const page = await open('fixture', '', PHONE)
    const boxes = await page.$$eval('.tl li.mark', (lis) =>
      lis.map((li) => {
        const r = li.getBoundingClientRect()
        return { top: r.top, right: r.right }
      }),
    )
    for (let k = 1; k < boxes.length; k++) expect(boxes[k].top).toBeGreaterThan(boxes[k - 1].top)
    for (const b of boxes) expect(b.right).toBeLessThanOrEqual(PHONE.width)
    expect(await page.locator('.tl li.tl-year').first().isVisible()).toBe(true)
    await page.screenshot({ path: path.join(SHOTS, 'site-390.png') })
    await page.evaluate(() => document.querySelector('#timeline')?.scrollIntoView())
    await page.screenshot({ path: path.join(SHOTS, 'site-390-timeline.png') })
    await page.evaluate(() => document.querySelector('#funding')?.scrollIntoView())
    await page.screenshot({ path: path.join(SHOTS, 'site-390-funding.png') })
    await close(page)
  })

  it('never breaks a column name inside a word', async () => {
    const page = await open('fixture', '', PHONE)
    const broken = await page.$$eval('#dictionary td code, #conventions td code', (codes) =>
      codes.filter((c) => c.getClientRects().length > 1).map((c) => c.textContent),
    )
    expect(broken).toEqual([])
    expect(await page.$$eval('#dictionary td code', (c) => c.length)).toBeGreaterThan(50)
    await close(page)
  })

  it('shows the README’s date conventions table on the page, row for row', async () => {
    const page = await open('fixture')
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    const rest = readme.slice(readme.indexOf('\n', readme.indexOf('### Date conventions')) + 1)
    const body = rest.slice(0, rest.search(/^#{1,6} /m))
    const rows = body
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .slice(2)
    expect(rows.length).toBeGreaterThan(10)
    const cells = await page.$$eval('#conventions tbody tr td:first-child', (tds) => tds.map((td) => td.textContent))
    expect(cells).toEqual(rows.map((l) => l.split('|')[1].trim().replace(/`/g, '')))
    await close(page)
  })

  it('totals funding per entity in US dollars, the rest in its own currency, and says how', async () => {
    const page = await open('fixture')
    const row = (name: string) => page.locator('#funding .totals tr', { hasText: name })
    expect(await row('Lanwan').locator('td').nth(1).textContent()).toMatch(/^US\$72\.47M \(2\)/)
    expect(await row('Xinghe Chips').locator('td').first().textContent()).toMatch(/^US\$69\.47M \+ HKD 20M \(no rate for the rest\) \(2\)/)
    expect(await row('Lanwan').locator('td span').last().getAttribute('title')).toBe('72470000.25 USD, exact sum of 2 row(s)')
    const described = JSON.parse(fs.readFileSync(path.join(fixture.releases, '1.1.0', 'datapackage.json'), 'utf8'))
      .resources.find((r: { name: string }) => r.name === 'funding')
      .schema.fields.find((f: { name: string }) => f.name === 'usd_rate').description
    expect(await page.textContent('#funding')).toContain(described)
    expect(await page.textContent('#funding-f-xinghe-b td.num')).toBe('CNY 500MUS$69.47M at 7.1974 (2024-03)')
    await close(page)
  })

  it('keeps only reviewed rows when asked, from the keyboard', async () => {
    const page = await open('fixture')
    await page.focus('#funding input[type=search]')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    const reviewed = fixtureRows('funding').filter((f) => f.review_status === 'reviewed')
    expect(await visibleIds(page, '#funding-table tbody tr')).toEqual(reviewed.map((f) => f.funding_id))
    await close(page)
  })

  it('gives each entity a page of what it founded, launched, raised and invested in, with evidence and sources', async () => {
    const lanwan = await open('fixture', 'entities/lanwan-capital.html')
    const invested = lanwan.locator('#invested li')
    expect(await invested.count()).toBe(2)
    expect(await invested.nth(0).locator('a[href="../entities/chenguang-robotics.html"]').count()).toBe(1)
    expect(await invested.nth(1).locator('a[href="../entities/xinghe-chips.html"]').count()).toBe(1)
    expect(await invested.nth(1).textContent()).toMatch(/to Xinghe Chips \(星河芯片\) \(as lead\) with Songtao Ventures/)
    await invested.nth(1).locator('summary').click()
    expect(await invested.nth(1).locator('mark').textContent()).toBe('星河芯片宣布完成5亿元B轮融资')
    expect(await invested.nth(1).locator('details').textContent()).toContain('星河芯片完成B轮融资, 示例财经, 2024-03-05')
    expect(await lanwan.textContent('.entity-totals')).toContain('US$72.47M')
    await lanwan.screenshot({ path: path.join(SHOTS, 'entity-1280.png') })
    await close(lanwan)

    const xinghe = await open('fixture', 'entities/xinghe-chips.html', PHONE)
    expect(await xinghe.textContent('#raised li:first-child')).toMatch(/CNY 500M.*from .*Lanwan.*\(lead\).*Songtao Ventures/s)
    expect(await xinghe.locator('#launched a[href="../entities/xinghe-one.html"]').count()).toBe(1)
    await xinghe.screenshot({ path: path.join(SHOTS, 'entity-390.png') })
    await close(xinghe)

    const lin = await open('fixture', 'entities/lin-xiao.html')
    expect(await lin.$$eval('#founded li', (lis) => lis.map((li) => li.id))).toEqual(['events-d-xinghe-founded'])
    expect(await lin.locator('#events li', { hasText: 'keep hiring' }).count()).toBe(1)
    await close(lin)
  })

  it('finds entities by English or Chinese name from the front page and from an entity page', async () => {
    const page = await open('fixture')
    await page.fill('#entity-search', '蓝湾')
    expect(await page.$$eval('#entity-results a', (as) => as.map((a) => a.getAttribute('href')))).toEqual(['entities/lanwan-capital.html'])
    await page.fill('#entity-search', 'robot')
    await page.click('#entity-results a')
    await page.waitForURL(/chenguang-robotics\.html$/)
    expect(await page.textContent('h1')).toBe('Chenguang Robotics (晨光机器人)')
    await page.fill('#entity-search', 'xinghe')
    expect(await page.$$eval('#entity-results a', (as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '../entities/xinghe-chips.html',
      '../entities/xinghe-one.html',
    ])
    expect(await page.textContent('#entity-search-count')).toBe('2 of 6 entities')
    await close(page)
  })

  it('shows a name that is a <script> element as text, everywhere, and links no source URL that is not http(s)', async () => {
    for (const file of ['', 'entities/lanwan-capital.html', 'entities/index.html']) {
      const page = await open('fixture', file)
      await page.fill('#entity-search', 'lanwan')
      expect([file, await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)]).toEqual([file, undefined])
      expect(await page.textContent('body')).toContain(SCRIPT_NAME)
      expect(await page.$$eval('a[href^="javascript:"], a[href^="JAVASCRIPT:"]', (a) => a.length)).toBe(0)
      await close(page)
    }
  })

  it('refuses an entity id that could not name a page, naming the file and line', () => {
    const dir = tempDir('site-bad')
    const latestDir = path.join(fixture.releases, '1.1.0')
    for (const f of fs.readdirSync(latestDir)) fs.copyFileSync(path.join(latestDir, f), path.join(dir, f))
    const csv = fs.readFileSync(path.join(dir, 'entities.csv'), 'utf8').replace('lin-xiao,', '../lin-xiao,')
    fs.writeFileSync(path.join(dir, 'entities.csv'), csv)
    expect(() => readRelease(dir)).toThrow(/entities\.csv:4 entity_id\n {2}found "\.\.\/lin-xiao"; expected a slug/)
  })
})
