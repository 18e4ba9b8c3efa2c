import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  amountRange,
  cluster,
  type EntityRow,
  type EventRecord,
  type FundingRecord,
  fundingBlocks,
  matchEntities,
  matchEvents,
  matchFunding,
  type RankedRecord,
  reportedDays,
  type SourceInfo,
  type Unit,
} from '../../pipeline/curate/match-records.ts'
import rules from '../../pipeline/curate/match-rules.json' with { type: 'json' }

const entity = (entity_id: string, source_id: string, name_zh: string | null, name_en: string, more: Partial<EntityRow> = {}): EntityRow => ({
  entity_id,
  entity_type: 'organization',
  name_en,
  name_zh,
  aliases: [],
  review_status: 'machine',
  source_id,
  ...more,
})

describe('matchEntities', () => {
  it('makes a name in simplified and in traditional characters one entity, with the id of the simplified form', () => {
    const m = matchEntities([entity('x1', 's1', '天天果园', 'Tian Tian Guo Yuan'), entity('x2', 's2', '天天果園', 'Tian Tian Guo Yuan')])
    expect(Object.fromEntries(m.map)).toEqual({ x1: 'tian-tian-guo-yuan', x2: 'tian-tian-guo-yuan' })
    expect(m.names.get('tian-tian-guo-yuan')).toEqual({ name_en: 'Tian Tian Guo Yuan', name_zh: '天天果园', aliases: ['天天果園'] })
  })

  it('makes a Latin name that is the pinyin of a Chinese name one entity: 智谱AI and Zhipu AI', () => {
    const m = matchEntities([entity('zhi-pu-ai', 's1', '智谱AI', 'Zhi Pu Ai'), entity('zhipu-ai', 's2', null, 'Zhipu AI')])
    expect(Object.fromEntries(m.map)).toEqual({ 'zhipu-ai': 'zhi-pu-ai' })
    // the Latin name someone wrote is the English name; discovery's romanization is no alias
    expect(m.names.get('zhi-pu-ai')).toEqual({ name_en: 'Zhipu AI', name_zh: '智谱AI', aliases: [] })
  })

  it('keeps the id of the simplified form whichever source glossed the name', () => {
    const glossed = entity('zhipu-ai', 's1', '智谱AI', 'Zhipu AI', { aliases: ['Zhipu AI'] })
    const m = matchEntities([glossed, entity('zhi-pu-ai', 's2', '智譜AI', 'Zhi Pu Ai')])
    expect(m.map.get('zhipu-ai')).toBe('zhi-pu-ai')
    expect(m.names.get('zhi-pu-ai')?.aliases).toEqual(['智譜AI'])
  })

  it('merges a discovered name into the curated entry it matches, which keeps its id and names', () => {
    const curated = entity('zhipu', '', '智谱', 'Zhipu AI', { review_status: 'reviewed', aliases: ['智谱AI'] })
    const m = matchEntities([curated, entity('zhi-pu-ai', 's1', '智譜AI', 'Zhi Pu Ai')])
    expect(m.map.get('zhi-pu-ai')).toBe('zhipu')
    expect(m.names.get('zhipu')).toMatchObject({ name_en: 'Zhipu AI', name_zh: '智谱' })
  })

  it('never merges names that only contain one another (小米 and 小米汽车)', () => {
    const m = matchEntities([entity('xiao-mi', 's1', '小米', 'Xiao Mi'), entity('xiao-mi-qi-che', 's2', '小米汽车', 'Xiao Mi Qi Che')])
    expect(m.map.size).toBe(0)
  })

  it('takes an alias of the curated list as the curator’s word across sources: a short form and the full name are one entity', () => {
    const curated = entity('alibaba', '', '阿里巴巴', 'Alibaba Group', { review_status: 'reviewed', aliases: ['阿里', 'Alibaba'] })
    const short = entity('a-li', 's1', '阿里', 'A Li')
    const full = entity('a-li-ba-ba', 's2', '阿里巴巴', 'A Li Ba Ba')
    expect(Object.fromEntries(matchEntities([curated, short, full]).map)).toEqual({ 'a-li': 'alibaba', 'a-li-ba-ba': 'alibaba' })
    // without the curator's alias, a short form is not guessed
    expect(matchEntities([short, full]).map.size).toBe(0)
  })

  it('compares a curated alias whole: a name that starts with it stays another entity (阿里 is not 阿里云)', () => {
    const curated = entity('alibaba', '', '阿里巴巴', 'Alibaba Group', { review_status: 'reviewed', aliases: ['阿里'] })
    const m = matchEntities([curated, entity('a-li-yun', 's1', '阿里云', 'A Li Yun'), entity('a-li-shan', 's2', '阿里山', 'A Li Shan')])
    expect(m.map.size).toBe(0)
  })

  it('never merges two entries of the curated list, even with one name in common', () => {
    const a = entity('a', '', '星河', 'Xinghe One', { review_status: 'reviewed' })
    const b = entity('b', '', '星河', 'Xinghe Two', { review_status: 'reviewed' })
    expect(matchEntities([a, b]).map.size).toBe(0)
  })

  it('links no Latin name to two different Chinese names that read alike (云集, 云际: Yunji)', () => {
    const m = matchEntities([entity('yun-ji', 's1', '云集', 'Yun Ji'), entity('yun-ji-2', 's2', '云际', 'Yun Ji'), entity('yunji', 's3', null, 'Yunji')])
    expect(m.map.size).toBe(0)
  })

  it('keeps a person and an organization of the same name apart', () => {
    const m = matchEntities([entity('hua-xin', 's1', '华新', 'Hua Xin'), entity('hua-xin-p', 's2', '华新', 'Hua Xin', { entity_type: 'person' })])
    expect(m.map.size).toBe(0)
  })
})

const sources = new Map<string, SourceInfo>([
  ['s0', { published_on: '2024-05-02' }],
  ['s1', { published_on: '2024-05-20' }],
  ['s2', { published_on: '2024-05-21' }],
  ['s3', { published_on: '2024-05-26' }],
  ['s4', { published_on: '2024-11-02' }],
])

const flow = (funding_id: string, source_id: string, more: Partial<FundingRecord> = {}): FundingRecord => ({
  funding_id,
  source_id,
  review_status: 'machine',
  recipient_id: 'guya-bio',
  funding_type: 'investment',
  round: 'a',
  status: 'completed',
  amount: 5e7,
  currency: 'CNY',
  amount_qualifier: 'exact',
  amount_low: null,
  amount_high: null,
  date_start: null,
  date_end: null,
  date_precision: 'unknown',
  event_id: null,
  funders: ['qinglan'],
  ...more,
})

const clustersOf = (records: FundingRecord[]) => {
  const r = matchFunding(records, sources)
  const by = new Map<string, string[]>()
  for (const x of r.ranked) by.set(x.to_id, [...(by.get(x.to_id) ?? []), x.record_id])
  return { result: r, groups: [...by.values()].map((g) => g.sort()).sort() }
}

describe('matchFunding', () => {
  it('makes a pair that agrees once qualifiers are read one flow, under the earliest report’s id', () => {
    const a = flow('m-s2-b', 's2', { amount: 1e8, amount_qualifier: 'under', currency: 'USD', round: 'b' })
    const b = flow('m-s1-b', 's1', { amount: 9.5e7, amount_qualifier: 'exact', currency: 'USD', round: 'b' })
    const { result, groups } = clustersOf([a, b])
    expect(groups).toEqual([['m-s1-b', 'm-s2-b']])
    expect(result.ranked.every((r) => r.to_id === 'm-s1-b')).toBe(true)
    expect(result.conflicts).toEqual([])
  })

  it('makes a triple one flow and takes the amount and the date from the most specific reports', () => {
    const day = flow('m-s3-a', 's3', { date_start: '2024-05-17', date_end: '2024-05-17', date_precision: 'day', amount_qualifier: 'about' })
    const month = flow('m-s2-a', 's2', { date_start: '2024-05-01', date_end: '2024-05-31', date_precision: 'month' })
    const undated = flow('m-s1-a', 's1', { amount: null, amount_qualifier: 'about', amount_low: 1e7, amount_high: 1e8 })
    const { result, groups } = clustersOf([day, month, undated])
    expect(groups).toEqual([['m-s1-a', 'm-s2-a', 'm-s3-a']])
    const rank = (id: string) => result.ranked.find((r) => r.record_id === id)
    expect(rank('m-s2-a')?.amount_rank).toBe(0) // exact beats about and bounds
    expect(rank('m-s3-a')?.date_rank).toBe(0) // a day beats a month and no date
    expect(result.clusters[0]).toMatchObject({ id: 'm-s1-a', sources: ['s1', 's2', 's3'] })
  })

  it('merges reports that disagree on the amount but agree on the round, and lists the conflict with both sources', () => {
    const ten = flow('m-s1-c', 's1', { amount: 1e9, round: 'c' })
    const twelve = flow('m-s2-c', 's2', { amount: 1.2e9, round: 'c' })
    const { result, groups } = clustersOf([ten, twelve])
    expect(groups).toEqual([['m-s1-c', 'm-s2-c']])
    expect(result.conflicts).toEqual([
      {
        record_table: 'funding',
        record_id: 'm-s1-c',
        field: 'amount',
        kept: '1000000000 CNY exact',
        kept_source: 's1',
        other: '1200000000 CNY exact',
        other_source: 's2',
      },
    ])
    expect(result.clusters[0].note).toContain('amount: kept 1000000000 CNY exact (s1), s2 says 1200000000 CNY exact')
  })

  it('merges reports that give two round letters for one amount, and lists the round conflict', () => {
    const { result, groups } = clustersOf([flow('m-s1-x', 's1', { round: 'a' }), flow('m-s2-x', 's2', { round: 'a+' })])
    expect(groups).toHaveLength(1)
    expect(result.conflicts.map((c) => [c.field, c.kept, c.other])).toEqual([['round', 'a', 'a+']])
  })

  it('keeps apart reports that disagree on both the round and the amount', () => {
    expect(clustersOf([flow('m-s1-x', 's1', { round: 'a' }), flow('m-s2-x', 's2', { round: 'b', amount: 3e8 })]).groups).toHaveLength(2)
  })

  it('keeps apart one company’s two rounds months apart, even with the same amount', () => {
    const seed = flow('m-s1-seed', 's1', { round: 'seed', date_start: '2024-05-10', date_end: '2024-05-10', date_precision: 'day' })
    const later = flow('m-s4-a', 's4', { round: null, date_start: '2024-10-30', date_end: '2024-10-30', date_precision: 'day' })
    expect(clustersOf([seed, later]).groups).toHaveLength(2)
  })

  it('keeps apart one investor’s rounds in two companies the same week for the same amount', () => {
    expect(clustersOf([flow('m-s1-g', 's1'), flow('m-s2-z', 's2', { recipient_id: 'zhanqiao-data' })]).groups).toHaveLength(2)
  })

  it('keeps apart two flows told in one article, even when a third report matches both', () => {
    const one = flow('m-s3-one', 's3')
    const two = flow('m-s3-two', 's3')
    const other = flow('m-s1-x', 's1')
    const { groups } = clustersOf([one, two, other])
    expect(groups).toHaveLength(2)
    expect(groups.some((g) => g.includes('m-s3-one') && g.includes('m-s3-two'))).toBe(false)
  })

  it('keeps apart a company whose name contains another’s (the recipients are two entities)', () => {
    expect(clustersOf([flow('m-s1-x', 's1', { recipient_id: 'chiyao' }), flow('m-s2-x', 's2', { recipient_id: 'chiyao-auto' })]).groups).toHaveLength(2)
  })

  it('lets a reviewed record win: its id, its values; the machine report adds evidence, and its other amount is a conflict', () => {
    const reviewed = flow('guya-a-2024', 's2', { review_status: 'reviewed' })
    const machine = flow('m-s1-a', 's1', { amount: 5.2e7 })
    const { result } = clustersOf([reviewed, machine])
    expect(result.ranked).toEqual([
      {
        record_table: 'funding',
        record_id: 'm-s1-a',
        source_id: 's1',
        to_id: 'guya-a-2024',
        block: 'guya-bio\u0000investment',
        rank: null,
        amount_rank: null,
        date_rank: null,
        status_rank: null,
      },
      {
        record_table: 'funding',
        record_id: 'guya-a-2024',
        source_id: 's2',
        to_id: 'guya-a-2024',
        block: 'guya-bio\u0000investment',
        rank: 0,
        amount_rank: 0,
        date_rank: 0,
        status_rank: 0,
      },
    ])
    // the blocks an incremental build re-matches by are the ones the match used
    expect(fundingBlocks([reviewed, machine])).toEqual(new Map(result.ranked.map((r) => [r.record_id, r.block])))
    expect(result.conflicts.map((c) => [c.field, c.kept_source, c.other_source])).toEqual([['amount', 's2', 's1']])
  })

  it('never merges two reviewed records with different ids', () => {
    const a = flow('guya-a-2024', 's1', { review_status: 'reviewed' })
    const b = flow('guya-a-2024-bis', 's2', { review_status: 'reviewed' })
    expect(clustersOf([a, b]).groups).toHaveLength(2)
  })

  it('does not compare amounts in two currencies, and merges on the round alone', () => {
    const { result, groups } = clustersOf([flow('m-s1-x', 's1', { currency: 'EUR', amount: 3e7 }), flow('m-s2-x', 's2', { amount: 2.3e8 })])
    expect(groups).toHaveLength(1)
    expect(result.conflicts).toEqual([])
  })

  it('gives the same clusters and ranks whatever order the records come in', () => {
    const records = [flow('m-s1-a', 's1'), flow('m-s2-a', 's2', { amount_qualifier: 'about' }), flow('m-s3-a', 's3', { round: 'a+', amount: 5.1e7 })]
    expect(matchFunding([...records].reverse(), sources)).toEqual(matchFunding(records, sources))
  })
})

describe('the status of a merged flow (conventions 1.1)', () => {
  // s1 is published 2024-05-20, s2 the 21st, s3 the 26th
  const statusOf = (records: FundingRecord[]) => {
    const r = matchFunding(records, sources)
    const kept = r.ranked.find((x) => x.status_rank === 0) as RankedRecord
    return { kept: records.find((x) => x.funding_id === kept.record_id && x.source_id === kept.source_id)?.status, result: r }
  }

  it('keeps a later flash’s completed over an earlier, more precise feature’s announced, and lists the disagreement', () => {
    const feature = flow('m-s1-a', 's1', { status: 'announced', date_start: '2024-05-17', date_end: '2024-05-17', date_precision: 'day' })
    const flash = flow('m-s2-a', 's2', { status: 'completed' })
    const { kept, result } = statusOf([feature, flash])
    expect(kept).toBe('completed')
    // the other fields still come from the most specific report
    expect(result.ranked.find((x) => x.record_id === 'm-s1-a')?.rank).toBe(0)
    expect(result.conflicts.filter((c) => c.field === 'status')).toEqual([
      { record_table: 'funding', record_id: 'm-s1-a', field: 'status', kept: 'completed', kept_source: 's2', other: 'announced', other_source: 's1' },
    ])
    expect(result.clusters[0].note).toContain('status: kept completed (s2), s1 says announced')
    expect(result.clusters[0].note).toContain('completed > announced > planned')
  })

  it('orders completed, announced, planned, claimed whichever report came first', () => {
    const order = ['completed', 'announced', 'planned', 'claimed']
    for (let i = 0; i < order.length; i++)
      for (let j = i + 1; j < order.length; j++) {
        expect(statusOf([flow('m-s1-a', 's1', { status: order[j] }), flow('m-s2-a', 's2', { status: order[i] })]).kept).toBe(order[i])
        expect(statusOf([flow('m-s1-a', 's1', { status: order[i] }), flow('m-s2-a', 's2', { status: order[j] })]).kept).toBe(order[i])
      }
  })

  it('keeps a cancellation reported after the flow was completed, and a claim after it does not revive the flow', () => {
    const done = flow('m-s1-a', 's1', { status: 'completed' })
    const cancelled = flow('m-s2-a', 's2', { status: 'cancelled' })
    expect(statusOf([done, cancelled]).kept).toBe('cancelled')
    expect(statusOf([done, cancelled, flow('m-s3-a', 's3', { status: 'claimed' })]).kept).toBe('cancelled')
  })

  it('keeps what a report published after the cancellation says in its own voice', () => {
    const cancelled = flow('m-s1-a', 's1', { status: 'cancelled' })
    const planned = flow('m-s2-a', 's2', { status: 'planned' })
    expect(statusOf([cancelled, planned]).kept).toBe('planned')
    // an earlier completed does not count against the later plan: the cancellation came between
    expect(statusOf([flow('m-s0-a', 's0', { status: 'completed' }), cancelled, planned]).kept).toBe('planned')
  })

  it('keeps a cancellation over a report of the same day', () => {
    const sameDay = new Map([...sources, ['s1b', { published_on: '2024-05-20' }]])
    const r = matchFunding([flow('m-s1-a', 's1', { status: 'completed' }), flow('m-s1b-a', 's1b', { status: 'cancelled' })], sameDay)
    expect(r.ranked.find((x) => x.status_rank === 0)?.source_id).toBe('s1b')
  })

  it('takes a cancellation without a publication date as the latest report, and a report without one as never after it', () => {
    const undated = new Map([...sources, ['sx', { published_on: null }]])
    // dated, so that it can be matched at all
    const dated = { date_start: '2024-05-18', date_end: '2024-05-18', date_precision: 'day' }
    const r1 = matchFunding([flow('m-s3-a', 's3', { status: 'completed' }), flow('m-sx-a', 'sx', { status: 'cancelled', ...dated })], undated)
    expect(new Set(r1.ranked.map((x) => x.to_id)).size).toBe(1)
    expect(r1.ranked.find((x) => x.status_rank === 0)?.source_id).toBe('sx')
    const r2 = matchFunding([flow('m-s1-a', 's1', { status: 'cancelled' }), flow('m-sx-a', 'sx', { status: 'completed', ...dated })], undated)
    expect(new Set(r2.ranked.map((x) => x.to_id)).size).toBe(1)
    expect(r2.ranked.find((x) => x.status_rank === 0)?.source_id).toBe('s1')
  })

  it('lets a reviewed record’s status win over a machine report’s more definite one', () => {
    const reviewed = flow('guya-a-2024', 's1', { review_status: 'reviewed', status: 'announced' })
    const { kept, result } = statusOf([reviewed, flow('m-s2-a', 's2', { status: 'completed' })])
    expect(kept).toBe('announced')
    expect(result.ranked.find((x) => x.record_id === 'm-s2-a')?.status_rank).toBeNull()
  })

  it('keeps an event told in the outlet’s own voice over a claim of it', () => {
    const claim = event('m-s1-f', 's1', { status: 'claimed' })
    const told = event('m-s2-f', 's2', { status: 'reported' })
    const r = matchEvents([claim, told], sources, [], { ranked: [], conflicts: [], clusters: [] })
    expect(r.ranked.find((x) => x.status_rank === 0)?.record_id).toBe('m-s2-f')
    expect(r.conflicts.map((c) => [c.field, c.kept, c.other])).toEqual([['status', 'reported', 'claimed']])
  })
})

describe('the reading of amounts and dates', () => {
  it.each([
    [{ amount: 1e8, amount_qualifier: 'exact', amount_low: null, amount_high: null }, [1e8, 1e8]],
    [{ amount: 1e8, amount_qualifier: 'over', amount_low: null, amount_high: null }, [1e8, 1.5e8]],
    [{ amount: 1e8, amount_qualifier: 'under', amount_low: null, amount_high: null }, [7.5e7, 1e8]],
    [{ amount: 3000, amount_qualifier: 'over', amount_low: 3000, amount_high: 4000 }, [3000, 4000]],
    [{ amount: null, amount_qualifier: null, amount_low: null, amount_high: null }, null],
  ])('reads %j as the values %j', (r, range) => {
    expect(amountRange(r)).toEqual(range)
  })

  it('reads an undated report as the month before its publication', () => {
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000
    expect(reportedDays({ date_start: null, date_end: null }, '2024-05-20')).toEqual([day('2024-05-20') - 31, day('2024-05-20')])
    expect(reportedDays({ date_start: null, date_end: null }, null)).toBeNull()
  })
})

const event = (event_id: string, source_id: string, more: Partial<EventRecord> = {}): EventRecord => ({
  event_id,
  source_id,
  review_status: 'machine',
  event_type: 'founded',
  subject_id: 'guya-bio',
  status: 'reported',
  date_start: null,
  date_end: null,
  date_precision: 'unknown',
  participants: [],
  ...more,
})

describe('matchEvents', () => {
  const none = { ranked: [], conflicts: [], clusters: [] }
  const groupsOf = (records: EventRecord[]) => {
    const r = matchEvents(records, sources, [], none)
    return { result: r, n: new Set(r.ranked.map((x) => x.to_id)).size }
  }

  it('makes one founding of one company from two reports, its dates a conflict when they differ', () => {
    const a = event('m-s1-f', 's1', { date_start: '2021-01-01', date_end: '2021-12-31', date_precision: 'year' })
    const b = event('m-s2-f', 's2', { date_start: '2020-01-01', date_end: '2020-12-31', date_precision: 'year' })
    const { result, n } = groupsOf([a, b])
    expect(n).toBe(1)
    expect(result.conflicts.map((c) => c.field)).toEqual(['dates'])
  })

  it('keeps apart two acquisitions by one company of two targets', () => {
    const a = event('m-s1-q', 's1', { event_type: 'acquired', participants: [{ entity_id: 'shuzhou', role: 'target' }] })
    const b = event('m-s2-q', 's2', { event_type: 'acquired', participants: [{ entity_id: 'other', role: 'target' }] })
    expect(groupsOf([a, b]).n).toBe(2)
  })

  it('never merges statements, which are one article’s words', () => {
    expect(groupsOf([event('m-s1-s', 's1', { event_type: 'statement' }), event('m-s2-s', 's2', { event_type: 'statement' })]).n).toBe(2)
  })

  it('puts the events of two funding records in one cluster when their funding is one flow', () => {
    const fa = flow('m-s1-a', 's1', { event_id: 'm-s1-e' })
    const fb = flow('m-s2-a', 's2', { event_id: 'm-s2-e' })
    const funding = matchFunding([fa, fb], sources)
    const evs = [event('m-s1-e', 's1', { event_type: 'funding' }), event('m-s2-e', 's2', { event_type: 'funding' })]
    const r = matchEvents(evs, sources, [fa, fb], funding)
    expect(new Set(r.ranked.map((x) => x.to_id))).toEqual(new Set(['m-s1-e']))
  })
})

describe('the sorted neighbourhood of a dated block', () => {
  // units of one block: a source, a span of days, an optional reviewed flag; pairs within the window score by a hash of their ids
  const unit = fc.record({
    source: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
    start: fc.integer({ min: 0, max: 400 }),
    length: fc.integer({ min: 0, max: 90 }),
    dated: fc.boolean(),
    reviewed: fc.boolean(),
  })
  const window = rules.date_window_days

  it('clusters as comparing every pair does, scoring only the pairs within the window', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (drawn) => {
        const units: Unit<{ days: [number, number] | null }>[] = drawn.map((d, i) => {
          const head = { days: d.dated ? ([d.start, d.start + d.length] as [number, number]) : null }
          return { id: `f${String(i).padStart(2, '0')}`, records: [head], sources: new Set([d.source]), reviewed: d.reviewed, published: null, head }
        })
        let scored = 0
        const pair = (a: Unit<{ days: [number, number] | null }>, b: Unit<{ days: [number, number] | null }>) => {
          scored++
          const [x, y] = [a.head.days, b.head.days]
          if (!x || !y) return null
          const gap = Math.max(0, Math.max(x[0], y[0]) - Math.min(x[1], y[1]))
          return gap > window ? null : ((a.id.charCodeAt(2) * 7 + b.id.charCodeAt(2) * 3) % 5) - 1
        }
        const ids = (cs: { block: string; units: { id: string }[] }[]) => cs.map((c) => c.units.map((u) => u.id))
        const everyPair = ids(cluster(units, () => 'b', pair))
        const allScored = scored
        scored = 0
        const windowed = ids(
          cluster(
            units,
            () => 'b',
            pair,
            () => (u) => u.head.days,
          ),
        )
        expect(windowed).toEqual(everyPair)
        expect(scored).toBeLessThanOrEqual(allScored)
      }),
      { numRuns: 300 },
    )
  })

  it('scores a long run of reports a window at a time, not every pair', () => {
    // 300 reports of one company's flows, one every 10 days from different sources: each is within the window of 3 or 4 others
    const units: Unit<{ days: [number, number] }>[] = Array.from({ length: 300 }, (_, i) => {
      const head = { days: [i * 10, i * 10] as [number, number] }
      return { id: `f${String(i).padStart(3, '0')}`, records: [head], sources: new Set([`s${i}`]), reviewed: false, published: null, head }
    })
    let scored = 0
    const pair = (a: Unit<{ days: [number, number] }>, b: Unit<{ days: [number, number] }>) => {
      scored++
      return Math.abs(a.head.days[0] - b.head.days[0]) > window ? null : 1
    }
    cluster(
      units,
      () => 'b',
      pair,
      () => (u) => u.head.days,
    )
    expect(scored).toBe(300 * 3 - (1 + 2 + 3))
  })
})
