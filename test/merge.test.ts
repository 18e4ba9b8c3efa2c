import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readCsvRows } from '../pipeline/store/csv.ts'
import { FX_DIR } from '../pipeline/store/fx-rates.ts'
import { ROOT } from '../pipeline/store/layout.ts'
import { build, buildLogged, copyRaw, sharedBuild, snapshot, tempDir } from './helpers/build.ts'

// three short articles of our own about invented companies: a flash and a Hong Kong report (traditional
// characters) of one round that disagree on its amount, and the same investor's round in another company
// the same week for the same amount; and a rumour, dated to the day, of a round that a later flash reports done
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'merge')
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus')
const [FLASH, HK, OTHER] = ['910_merge_flash', '911_merge_hk', '912_merge_other']
const [RUMOUR, CONFIRMED] = ['913_merge_rumour', '914_merge_confirmed']
// two corpus articles that name one company only as 澜湃AI and only as Lanpai AI (its pinyin, no gloss)
const [CHINESE, LATIN] = ['c53-lanpai-a', 'c54-lanpai-a-latin']

function rawWith(ids: string[]): string {
  const raw = copyRaw()
  for (const id of ids) fs.cpSync(path.join(id.startsWith('c5') ? CORPUS : FIXTURES, id), path.join(raw, id), { recursive: true })
  return raw
}

/** amount / rate in integers, rounded half up to the cent, as the README's conversion rules say, from the rate as written in data/fx/. */
function usd(amount: bigint, currency: string, period: string): string {
  const line = fs
    .readFileSync(path.join(FX_DIR, 'monthly.csv'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${currency},${period},`)) as string
  const [whole, frac = ''] = line.split(',')[2].split('.')
  const micro = BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, '0'))
  const cents = (amount * 100n * 2_000_000n + micro) / (2n * micro)
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`
}

describe('one row per real flow across sources', () => {
  let dataset: string
  let out: string
  beforeAll(async () => {
    out = tempDir('merge')
    dataset = await build(rawWith([FLASH, HK, OTHER, CHINESE, LATIN, RUMOUR, CONFIRMED]), out)
  })
  const table = (name: string) => readCsvRows(path.join(dataset, `${name}.csv`))
  const machineFunding = () => table('funding').filter((r) => r.review_status === 'machine')
  const merged = () => machineFunding().find((r) => r.recipient_id === 'yun-fan-ke-ji') as Record<string, string>

  it('makes the flash and the Hong Kong report of one round one funding row, with evidence from both', () => {
    expect(machineFunding().filter((r) => r.recipient_id === 'yun-fan-ke-ji')).toHaveLength(1)
    const sources = table('evidence')
      .filter((e) => e.record_id === merged().funding_id)
      .map((e) => e.source_id)
    expect([...new Set(sources)].sort()).toEqual([FLASH, HK])
    const event = table('events').find((e) => e.event_id === merged().event_id)
    expect(event?.source_count).toBe('2')
  })

  it('names the funders of both reports, and the lead of either stays the lead', () => {
    const funders = table('funders').filter((f) => f.funding_id === merged().funding_id)
    expect(funders.map((f) => [f.entity_id, f.is_lead]).sort()).toEqual([
      ['bei-chen-zi-ben', 'true'],
      ['qing-lan-zi-ben', 'false'],
      ['xing-ye-chuang-tou', 'false'],
    ])
    expect(merged().funder_names.split('; ').sort()).toEqual(['Bei Chen Zi Ben', 'Qing Lan Zi Ben', 'Xing Ye Chuang Tou'])
  })

  it('keeps the earliest report’s amount, says so in the row, and lists the conflict with both sources in the build report', () => {
    expect(Number(merged().amount)).toBe(1e9)
    expect(merged().notes).toContain(`amount: kept 1000000000 CNY exact (${FLASH}), ${HK} says 1200000000 CNY exact`)
    const report = readCsvRows(path.join(dataset, 'build-report.csv')).filter((r) => r.reasons.startsWith('conflict:') && r.record_id === merged().funding_id)
    expect(report).toHaveLength(1)
    expect(report[0]).toMatchObject({ source_id: HK, record_table: 'funding', record_id: merged().funding_id })
    expect(report[0].reasons).toContain(`${FLASH} says 1000000000 CNY exact`)
  })

  it('keeps the most definite status: the later flash’s completed over the earlier rumour’s claim, which gives the date', () => {
    const flows = machineFunding().filter((r) => r.recipient_id === 'cheng-yue-ke-ji')
    expect(flows).toHaveLength(1)
    // the rumour is the more precise report (a day): its date is kept, its status is not
    expect(flows[0]).toMatchObject({ status: 'completed', attributed_to: '', date_start: '2024-05-08' })
    expect(flows[0].notes).toContain(`status: kept completed (${CONFIRMED}), ${RUMOUR} says claimed`)
    const event = table('events').find((e) => e.event_id === flows[0].event_id)
    expect(event).toMatchObject({ status: 'reported', source_count: '2' })
    const report = readCsvRows(path.join(dataset, 'build-report.csv')).filter((r) => r.record_id === flows[0].funding_id)
    expect(report.map((r) => r.source_id)).toEqual([RUMOUR])
    expect(report[0].reasons).toContain(`conflict: status claimed here, ${CONFIRMED} says completed`)
  })

  it('keeps the same investor’s round in another company, the same week and for the same amount, apart', () => {
    const other = machineFunding().filter((r) => r.recipient_id === 'hai-xin-ke-ji')
    expect(other).toHaveLength(1)
    expect(other[0].funding_id).not.toBe(merged().funding_id)
  })

  it('makes the name in simplified and traditional characters one entity, the other spelling an alias', () => {
    const e = table('entities').find((x) => x.entity_id === 'yun-fan-ke-ji')
    expect(e).toMatchObject({ name_zh: '云帆科技', aliases: '雲帆科技' })
  })

  it('makes a Chinese name and its pinyin Latin name one entity under the id of the Chinese name, everywhere', () => {
    const e = table('entities').find((x) => x.entity_id === 'lan-pai-ai')
    expect(e).toMatchObject({ name_en: 'Lanpai AI', name_zh: '澜湃AI' })
    expect(table('entities').some((x) => x.entity_id === 'lanpai-ai')).toBe(false)
    const mentions = table('mentions').filter((m) => m.source_id === LATIN && m.text === 'Lanpai AI')
    expect(mentions.length).toBeGreaterThan(0)
    expect(new Set(mentions.map((m) => m.entity_id))).toEqual(new Set(['lan-pai-ai']))
    const flows = machineFunding().filter((r) => r.recipient_id === 'lan-pai-ai')
    expect(flows).toHaveLength(1)
    const sources = table('evidence')
      .filter((x) => x.record_id === flows[0].funding_id)
      .map((x) => x.source_id)
    expect([...new Set(sources)].sort()).toEqual([CHINESE, LATIN])
  })

  it('converts a CNY amount at the average rate of its month, and says which rate', () => {
    // the flash dates the round 2024年3月12日
    expect(merged()).toMatchObject({ currency: 'CNY', usd_rate_period: '2024-03' })
    expect(Number(merged().amount_usd)).toBe(Number(usd(1_000_000_000n, 'CNY', '2024-03')))
    expect(merged().usd_rate).toBe(fs.readFileSync(path.join(FX_DIR, 'monthly.csv'), 'utf8').match(/^CNY,2024-03,(.*)$/m)?.[1])
  })

  it('leaves the first article’s reviewed rows as they are', () => {
    for (const name of ['events', 'funding', 'metrics', 'funders']) {
      const alone = readCsvRows(path.join(sharedBuild().dataset, `${name}.csv`))
      const ids = new Set(alone.map((r) => JSON.stringify(r)))
      const reviewed = table(name).filter((r) => r.review_status !== 'machine' && !r.funding_id?.startsWith('m-'))
      expect(
        reviewed.every((r) => ids.has(JSON.stringify(r))),
        name,
      ).toBe(true)
    }
  })

  it('gives the same dataset when the second report arrives in an incremental build as in a full build', async () => {
    const raw = rawWith([FLASH, OTHER, CHINESE, RUMOUR, CONFIRMED])
    const step = tempDir('merge-step')
    await build(raw, step)
    fs.cpSync(path.join(FIXTURES, HK), path.join(raw, HK), { recursive: true })
    fs.cpSync(path.join(CORPUS, LATIN), path.join(raw, LATIN), { recursive: true })
    const incremental = await build(raw, step)
    expect(snapshot(incremental)).toEqual(snapshot(dataset))
    // and back: the reports leave, the flows and the entity are the first articles' alone again
    fs.rmSync(path.join(raw, HK), { recursive: true })
    fs.rmSync(path.join(raw, LATIN), { recursive: true })
    const without = await build(raw, step)
    const fresh = await build(rawWith([FLASH, OTHER, CHINESE, RUMOUR, CONFIRMED]), tempDir('merge-fresh'))
    expect(snapshot(without)).toEqual(snapshot(fresh))
    // four builds: give a loaded machine time (the suite's default is one minute)
  }, 300_000)

  it('matches a few ids at a time (FENGKOU_MATCH_BATCH) into the dataset of one batch', async () => {
    process.env.FENGKOU_MATCH_BATCH = '2'
    try {
      const batched = await buildLogged(rawWith([FLASH, HK, OTHER, CHINESE, LATIN, RUMOUR, CONFIRMED]), tempDir('merge-batched'))
      expect(batched.log).toMatch(/matched across sources in \d+ batches of whole blocks/)
      expect(snapshot(batched.result)).toEqual(snapshot(dataset))
    } finally {
      delete process.env.FENGKOU_MATCH_BATCH
    }
  })

  it('re-matches only the flows a new or leaving report touches, and gives the dataset of a full build', async () => {
    const raw = rawWith([FLASH, OTHER, RUMOUR])
    const step = tempDir('merge-scoped')
    await build(raw, step)
    // the confirmed report of the rumoured round arrives: one flow of two reports, the others as matched before
    fs.cpSync(path.join(FIXTURES, CONFIRMED), path.join(raw, CONFIRMED), { recursive: true })
    const joined = await buildLogged(raw, step)
    expect(joined.log).toMatch(/re-matched \d+ funding and \d+ event id\(s\) across sources, the rest as matched before/)
    const notes = readCsvRows(path.join(joined.result, 'funding.csv')).map((r) => r.notes)
    expect(
      notes.filter((n) => n.includes(`merged from 2 reports (${CONFIRMED}, ${RUMOUR})`) || n.includes(`merged from 2 reports (${RUMOUR}, ${CONFIRMED})`)),
    ).toHaveLength(1)
    expect(snapshot(joined.result)).toEqual(snapshot(await build(rawWith([FLASH, OTHER, RUMOUR, CONFIRMED]), tempDir('merge-scoped-full'))))
    // the rumour leaves: the confirmed report's flow is its own again
    fs.rmSync(path.join(raw, RUMOUR), { recursive: true })
    const left = await buildLogged(raw, step)
    expect(left.log).toMatch(/re-matched \d+ funding and \d+ event id\(s\)/)
    expect(readCsvRows(path.join(left.result, 'funding.csv')).filter((r) => r.notes.includes('merged from'))).toEqual([])
    expect(snapshot(left.result)).toEqual(snapshot(await build(rawWith([FLASH, OTHER, CONFIRMED]), tempDir('merge-scoped-left'))))
  }, 300_000)
})
