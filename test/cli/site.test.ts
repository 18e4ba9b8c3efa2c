import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main as buildSite } from '../../pipeline/cli/site.ts'
import { readIndex } from '../../pipeline/publish/release-index.ts'
import { readCsvRows } from '../../pipeline/store/csv.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { quietly, tempDir } from '../helpers/run.ts'

const RELEASES = path.join(ROOT, 'out', 'releases')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.csv': 'text/csv',
  '.json': 'application/json',
}

let site: string
let server: http.Server
let base: string
let browser: Browser

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: make test installs Debian's chromium (apt-get install chromium)`)
  site = path.join(tempDir('site'), 'site')
  await quietly(() => buildSite({ releases: RELEASES, raw: path.join(ROOT, 'raw'), out: site }))
  server = http.createServer((req, res) => {
    const file = path.join(site, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/\/$/, '/index.html'))
    if (!file.startsWith(site) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
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

describe('the dataset page in Chromium', () => {
  it('loads with no console errors and no failed requests', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`))
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`))
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`))
    await page.goto(base, { waitUntil: 'networkidle' })
    expect(await page.title()).toMatch(/^Fengkou/)
    expect(problems).toEqual([])
    await page.close()
  })

  it('links every download to a file that exists and whose sha256 matches the page and the index', async () => {
    const page = await browser.newPage()
    await page.goto(base)
    const links = await page.$$eval('a[download]', (as) =>
      as.map((a) => ({ href: a.getAttribute('href') ?? '', hash: a.closest('tr')?.querySelector('.hash')?.textContent ?? '' })),
    )
    const indexed = new Map(readIndex(RELEASES).releases.flatMap((r) => r.files.map((f) => [`releases/${r.version}/${f.path}`, f.sha256])))
    expect(links.length).toBeGreaterThanOrEqual(19)
    for (const link of links) {
      const res = await page.request.get(base + link.href)
      expect([link.href, res.status()]).toEqual([link.href, 200])
      const digest = sha256(await res.body())
      expect(digest).toBe(link.hash)
      expect(digest).toBe(indexed.get(link.href))
    }
    await page.close()
  })

  it('draws one timeline mark per dated event, and marks claims as claims', async () => {
    const page = await browser.newPage()
    await page.goto(base)
    const dated = csvRows('events')
      .filter((e) => e.date_start || e.date_end)
      .map((e) => `events/${e.event_id}`)
    const marks = await page.$$eval('svg.timeline [data-record^="events/"]', (gs) => gs.map((g) => g.getAttribute('data-record')))
    expect(marks.sort()).toEqual(dated.sort())
    const claimedFunding = csvRows('funding').filter((f) => f.status === 'claimed' && (f.date_start || f.date_end))
    expect(await page.$$eval('svg.timeline .mark.funding.claimed', (gs) => gs.length)).toBe(claimedFunding.length)
    await page.close()
  })

  it('narrows the events table as the filter is typed', async () => {
    const page = await browser.newPage()
    await page.goto(base)
    const visible = () => page.$$eval('#events tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.textContent ?? ''))
    const all = await visible()
    expect(all).toHaveLength(csvRows('events').length)
    await page.fill('#events input[type=search]', 'ChatGPT')
    const some = await visible()
    expect(some.length).toBeGreaterThan(0)
    expect(some.length).toBeLessThan(all.length)
    for (const text of some) expect(text).toContain('ChatGPT')
    expect(await page.textContent('#events [data-count]')).toBe(`${some.length} of ${all.length} rows`)
    await page.close()
  })

  it('shows a row’s evidence quote highlighted inside its sentence, with its source', async () => {
    const page = await browser.newPage()
    await page.goto(base)
    const row = page.locator('#funding tr[data-id="microsoft-openai-2019"]')
    await row.locator('summary').click()
    const quote = csvRows('evidence').find((e) => e.record_id === 'microsoft-openai-2019')?.quote
    expect(await row.locator('details mark').textContent()).toBe(quote)
    expect(await row.locator('details blockquote').textContent()).toContain('微软却看到其中的机会')
    expect(await row.locator('details').textContent()).toContain('000_2e1e9aed17e7acf1')
    await page.close()
  })

  it('reads without JavaScript: tables, evidence and chart are in the HTML', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(base)
    expect(await page.$$eval('#funding tbody tr', (rows) => rows.length)).toBe(csvRows('funding').length)
    await page.locator('#events tbody tr').first().locator('summary').click()
    expect(await page.locator('#events tbody tr').first().locator('details').getAttribute('open')).not.toBeNull()
    expect(await page.$$eval('svg.timeline .mark', (g) => g.length)).toBeGreaterThan(0)
    await context.close()
  })

  it('fits a phone-width screen and can be used from the keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } })
    const page = await context.newPage()
    await page.goto(base)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await page.focus('#events input[type=search]')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/When/)
    await page.keyboard.press('Enter')
    expect(await page.getAttribute('#events th:first-child', 'aria-sort')).toBe('ascending')
    await context.close()
  })

  it('describes the dataset in schema.org JSON-LD with a distribution per file', async () => {
    const page = await browser.newPage()
    await page.goto(base)
    const ld = JSON.parse((await page.textContent('script[type="application/ld+json"]')) ?? '{}')
    expect(ld).toMatchObject({ '@type': 'Dataset', version: latest(), license: 'https://creativecommons.org/licenses/by/4.0/' })
    expect(ld.distribution.map((d: { name: string }) => d.name)).toContain('funding.parquet')
    await page.close()
  })
})
