import { describe, expect, it } from 'vitest'
import { assemble, assembleMachine } from '../../pipeline/03-assemble.ts'
import { type Draft, draftRecords, suffixed } from '../../pipeline/curate/draft-records.ts'
import type { Entity } from '../../pipeline/curate/entity-list.ts'
import { openccScript } from '../../pipeline/curate/opencc-script.ts'
import { Problems } from '../../pipeline/curate/records.ts'
import { buildEntityMatcher } from '../../pipeline/normalize/entities.ts'
import { extractMentions, type Mention } from '../../pipeline/normalize/mentions.ts'
import type { AnnotationsEvent, AnnotationsFunding } from '../../pipeline/store/schema-types.ts'
import { ingest } from '../../pipeline/store/sources.ts'
import { validator } from '../../pipeline/store/validate.ts'
import { sourceMeta } from '../helpers/source.ts'

const org = (entity_id: string, name_en: string, name_zh: string) => ({ entity_id, entity_type: 'organization' as const, name_en, name_zh, aliases: [] })
const person = (entity_id: string, name_en: string, name_zh: string) => ({ entity_id, entity_type: 'person' as const, name_en, name_zh, aliases: [] })
const ENTITIES = [
  org('zhipu-ai', 'Zhipu AI', '智谱AI'),
  org('baichuan', 'Baichuan', '百川智能'),
  org('moonshot', 'Moonshot AI', '月之暗面'),
  org('sequoia-china', 'Sequoia China', '红杉中国'),
  org('hillhouse', 'Hillhouse', '高瓴资本'),
  org('tencent', 'Tencent', '腾讯'),
  org('alibaba', 'Alibaba', '阿里巴巴'),
  org('ant-group', 'Ant Group', '蚂蚁集团'),
  org('meituan', 'Meituan', '美团'),
  org('xiaomi', 'Xiaomi', '小米'),
  org('qiming', 'Qiming', '启明创投'),
  org('shunwei', 'Shunwei', '顺为资本'),
  org('bloomberg', 'Bloomberg', '彭博社'),
  org('hkex', 'HKEX', '港交所'),
  org('gates-foundation', 'Gates Foundation', '盖茨基金会'),
  org('bank-of-china', 'Bank of China', '中国银行'),
  // a descriptor and a name read as one name (as an automatic name list may), and a longer name that is another company
  org('zhipu-described', 'Zhipu AI with its descriptor', '大模型公司智谱AI'),
  org('baichuan-auto', 'Baichuan Auto', '百川智能汽车'),
  person('zhang-wei', 'Zhang Wei', '张伟'),
  person('li-na', 'Li Na', '李娜'),
  person('wang-fang', 'Wang Fang', '王芳'),
  { entity_id: 'spark-model', entity_type: 'product' as const, name_en: 'Spark', name_zh: '星火大模型', aliases: [] },
]
const matcher = buildEntityMatcher(ENTITIES, openccScript())
const byId = new Map(ENTITIES.map((e) => [e.entity_id, { ...e, wikidata_id: null, description_en: '' } as unknown as Entity]))
const names = (id: string) => {
  const e = byId.get(id)
  return e && { en: e.name_en, zh: e.name_zh }
}
const meta = sourceMeta({ source_id: 't1' })

/** Drafts the text, then checks what every draft must satisfy: schema-valid, no placeholders, assembled as a curator's file. */
function draft(text: string, publishedOn: string | null = null) {
  const doc = ingest(meta, new TextEncoder().encode(text), 'article.txt')
  const mentions = extractMentions(doc.text, { referenceDate: publishedOn, entities: matcher })
  const out: Draft = draftRecords({ sourceId: 't1', text: doc.text, sentences: doc.sentences, mentions, publishedOn, names })
  const d = out.document
  expect(validator('annotations')(d)).toBe(true)
  expect(JSON.stringify(d)).not.toMatch(/unknown-entity|TODO/)
  const eventIds = new Set(d.events.map((e) => e.id))
  for (const f of d.funding) expect(eventIds.has(f.event as string)).toBe(true)
  const problems = new Problems(() => null)
  const assembled = assemble(doc, mentions, d, byId, problems)
  // the only problem a draft may carry is the one its notes ask the reviewer to settle: who claims a claim
  const left = problems.list.filter((p) => !/needs attributed_to/.test(p.message))
  expect(left).toEqual([])
  for (const p of problems.list) expect(Object.keys(out.notes)).toContain(d.funding[Number(p.pointer.split('/')[2])].id)
  return { ...out, d, assembled }
}

const one = (text: string) => {
  const r = draft(text)
  expect(r.d.funding).toHaveLength(1)
  return { f: r.d.funding[0], row: r.assembled.funding[0], r }
}

describe('draftRecords: who gives and who gets comes from the construction', () => {
  it.each([
    ['Y向X投资', '腾讯向百川智能投资5亿元。', 'baichuan', ['tencent'], 5e8],
    ['Y对X的投资', '阿里巴巴对月之暗面的投资达到8亿美元。', 'moonshot', ['alibaba'], 8e8],
    ['Y完成了对X剩余N亿美元的投资', '腾讯完成了对智谱AI剩余3亿美元的投资。', 'zhipu-ai', ['tencent'], 3e8],
    ['X从Y获得', '此后不到半年,智谱AI从腾讯获得了10亿元的投资。', 'zhipu-ai', ['tencent'], 1e9],
    ['X获得Y的投资', '百川智能获得阿里巴巴的2亿美元投资。', 'baichuan', ['alibaba'], 2e8],
    ['X获Y战略投资', '月之暗面获美团10亿元战略投资。', 'moonshot', ['meituan'], 1e9],
    ['Y入股X', '小米以6亿元入股智谱AI。', 'zhipu-ai', ['xiaomi'], 6e8],
    ['Y投资X', '高瓴资本斥资4亿元投资了百川智能。', 'baichuan', ['hillhouse'], 4e8],
    ['Y独家投资', '智谱AI完成3亿元A轮融资,由高瓴资本独家投资。', 'zhipu-ai', ['hillhouse'], 3e8],
    ['X获得Y领投的融资', '月之暗面获得红杉中国领投的7亿元融资。', 'moonshot', ['sequoia-china'], 7e8],
  ])('%s: %s', (_, text, recipient, funders, amount) => {
    const { f, row } = one(text)
    expect(f.recipient).toBe(recipient)
    expect(f.funders.map((x) => x.entity)).toEqual(funders)
    expect(row.amount).toBe(amount)
  })

  it('reads 由Y领投，Z、W跟投，老股东V追加投资 as one lead and three followers, all named', () => {
    const { f } = one('百川智能完成50亿元A+轮融资,由阿里巴巴领投,腾讯、小米跟投,老股东顺为资本追加投资。')
    expect(f).toMatchObject({ recipient: 'baichuan', round: 'a+', status: 'completed', funders_complete: true })
    expect(f.funders).toEqual([
      { entity: 'alibaba', lead: true },
      { entity: 'tencent', lead: false },
      { entity: 'xiaomi', lead: false },
      { entity: 'shunwei', lead: false },
    ])
  })

  it('makes every funder of 联合领投 a lead', () => {
    const { f } = one('月之暗面完成12亿美元B轮融资,红杉中国与高瓴资本联合领投。')
    expect(f.funders).toEqual([
      { entity: 'sequoia-china', lead: true },
      { entity: 'hillhouse', lead: true },
    ])
  })

  it('does not call the funders complete when only the lead is named', () => {
    const { f } = one('智谱AI完成8亿元B轮融资,由启明创投领投。')
    expect(f.funders).toEqual([{ entity: 'qiming', lead: true }])
    expect(f.funders_complete).toBe(false)
  })

  it('takes the investors from 投资方包括 in the next sentence of the paragraph, with 等 leaving the list open', () => {
    const r = draft('智谱AI宣布完成25亿元融资。投资方包括美团、蚂蚁集团和启明创投等机构。')
    expect(r.d.funding[0].funders.map((x) => x.entity)).toEqual(['meituan', 'ant-group', 'qiming'])
    expect(r.d.funding[0].funders_complete).toBe(false)
    expect(r.d.funding[0].evidence.map((e) => e.quote)).toEqual(['智谱AI宣布完成25亿元融资。', '投资方包括美团、蚂蚁集团和启明创投等机构。'])
  })

  it('does not take investors from another paragraph', () => {
    const r = draft('大模型公司融资忙\n智谱AI宣布完成25亿元融资。\n投资方包括美团。')
    expect(r.d.funding[0].funders).toEqual([])
  })

  it('drafts a round whose investors are not named, with no funders and funders_complete false', () => {
    const { f, r } = one('百川智能完成5000万元天使轮融资。')
    expect(f).toMatchObject({ recipient: 'baichuan', funders: [], funders_complete: false, round: 'angel' })
    expect(r.d.events[0].summary_en).toBe('Baichuan raises an angel round (the investors are not named).')
  })

  it('takes the amount from a later sentence of the paragraph when the round sentence has none', () => {
    const { f, row } = one('智谱AI完成B轮融资。本轮融资金额为10亿元,由红杉中国领投。')
    expect(row.amount).toBe(1e9)
    expect(f.funders).toEqual([{ entity: 'sequoia-china', lead: true }])
    expect(f.evidence).toHaveLength(2)
  })

  it('reads the funding type from 捐赠 and 贷款', () => {
    expect(one('盖茨基金会向智谱AI捐赠500万美元。').f).toMatchObject({ type: 'donation', recipient: 'zhipu-ai', funders: [{ entity: 'gates-foundation' }] })
    expect(one('中国银行向百川智能提供20亿元贷款。').f).toMatchObject({ type: 'loan', recipient: 'baichuan', funders: [{ entity: 'bank-of-china' }] })
  })
})

describe('draftRecords: rounds', () => {
  it.each([
    ['种子轮', 'seed'],
    ['天使轮', 'angel'],
    ['天使+轮', 'angel+'],
    ['Pre-A轮', 'pre-a'],
    ['A轮', 'a'],
    ['A+轮', 'a+'],
    ['B轮', 'b'],
    ['B2轮', 'b'],
    ['A1轮', 'a'],
    ['A2轮', 'a'],
    ['A++轮', 'a+'],
    ['C3輪', 'c'],
    ['A1轮战略', 'a'],
    ['C轮', 'c'],
    ['D+轮', 'd+'],
    ['Pre-IPO轮', 'pre-ipo'],
    ['Ｂ轮', 'b'],
    ['战略', 'strategic'],
  ])('normalizes %s to %s', (word, label) => {
    expect(one(`智谱AI完成1亿元${word}融资。`).f.round).toBe(label)
  })

  it('leaves round out when the text names none, and does not read 天使投资人 as a round', () => {
    expect(one('智谱AI获得5亿元融资。').f.round).toBeUndefined()
    const { f } = one('天使投资人张伟向智谱AI投资100万元。')
    expect(f.round).toBeUndefined()
    expect(f.funders.map((x) => x.entity)).toEqual(['zhang-wei'])
  })
})

describe('draftRecords: status from the text', () => {
  it.each([
    ['智谱AI完成10亿元融资。', 'completed'],
    ['智谱AI获得10亿元融资。', 'completed'],
    ['智谱AI融资10亿元,资金已全部到位。', 'completed'],
    ['智谱AI宣布融资10亿元。', 'announced'],
    ['智谱AI宣布完成10亿元融资。', 'completed'],
    ['腾讯将向智谱AI投资10亿元。', 'planned'],
    ['腾讯拟向智谱AI注资10亿元。', 'planned'],
    ['智谱AI有望获得腾讯的10亿元投资。', 'planned'],
    ['智谱AI完成将近10亿元的融资。', 'completed'],
    ['智谱AI完成10亿元融资,资金将用于模型研发。', 'completed'],
  ])('%s -> %s', (text, status) => {
    expect(one(text).f.status).toBe(status)
  })

  it('marks 据悉 as claimed by an unnamed source, says so, and leaves attributed_to null', () => {
    const { f, r } = one('据悉,智谱AI已完成10亿元融资。')
    expect(f).toMatchObject({ status: 'claimed', attributed_to: null })
    expect(r.notes[f.id]).toMatch(/does not name/)
    expect(r.d.events[0]).toMatchObject({ status: 'claimed', attributed_to: null })
    expect(r.d.events[0].summary_en).toMatch(/according to sources the text does not name/)
  })

  it('attributes 据Y报道 to Y, who is never a funder', () => {
    const { f, r } = one('据彭博社报道,腾讯将向智谱AI投资10亿美元。')
    expect(f).toMatchObject({ status: 'claimed', attributed_to: 'bloomberg', recipient: 'zhipu-ai', funders: [{ entity: 'tencent', lead: true }] })
    expect(r.notes[f.id]).toBeUndefined()
  })

  it('reads a rumour of a stake with its amount in the next clause', () => {
    const { f, row } = one('消息人士称,腾讯正洽谈入股智谱AI,金额约5亿美元。')
    expect(f).toMatchObject({ status: 'claimed', recipient: 'zhipu-ai', funders: [{ entity: 'tencent' }] })
    expect(row).toMatchObject({ amount: 5e8, amount_qualifier: 'about' })
  })
})

describe('draftRecords: one flow, one record', () => {
  it('merges the headline and the body into one record with evidence from both', () => {
    const r = draft('智谱AI完成10亿元B轮融资\n2024年3月,智谱AI宣布完成10亿元B轮融资,由红杉中国领投。')
    expect(r.d.funding).toHaveLength(1)
    expect(r.d.funding[0].evidence.map((e) => e.quote)).toEqual(['2024年3月,智谱AI宣布完成10亿元B轮融资,由红杉中国领投。', '智谱AI完成10亿元B轮融资'])
    expect(r.d.funding[0].amount_quote).toEqual({ quote: '10亿元', occurrence: 2 })
    expect(r.assembled.funding[0]).toMatchObject({ amount: 1e9, date_start: '2024-03-01', round: 'b' })
    expect(r.d.events.filter((e) => e.type === 'funding')).toHaveLength(1)
    expect(r.d.events[0].summary_en).toBe('Zhipu AI raises a Series B round led by Sequoia China.')
    expect(r.d.events[0].summary_zh).toBe('智谱AI完成B轮融资，由红杉中国领投。')
  })

  it('merges a headline without an amount into the body flow it names', () => {
    const r = draft('腾讯押注智谱AI\n智谱AI从腾讯获得了10亿元投资。')
    expect(r.d.funding).toHaveLength(1)
    expect(r.d.funding[0]).toMatchObject({ recipient: 'zhipu-ai', funders: [{ entity: 'tencent', lead: true }] })
    expect(r.d.funding[0].evidence.map((e) => e.quote)).toEqual(['智谱AI从腾讯获得了10亿元投资。', '腾讯押注智谱AI'])
  })

  it('merges the same flow told twice in the body, and names the occurrence of repeated quotes', () => {
    const r = draft('腾讯向智谱AI投资1亿元。腾讯向智谱AI投资1亿元。')
    expect(r.d.funding).toHaveLength(1)
    expect(r.d.funding[0].evidence).toEqual([
      { quote: '腾讯向智谱AI投资1亿元。', occurrence: 1 },
      { quote: '腾讯向智谱AI投资1亿元。', occurrence: 2 },
    ])
  })

  it('drafts two flows told in one sentence as two records, each with its own clause', () => {
    const r = draft('腾讯向智谱AI投资10亿元,阿里巴巴向百川智能投资5亿元。')
    expect(r.d.funding.map((f) => [f.recipient, f.funders[0].entity, f.evidence[0].quote])).toEqual([
      ['zhipu-ai', 'tencent', '腾讯向智谱AI投资10亿元'],
      ['baichuan', 'alibaba', '阿里巴巴向百川智能投资5亿元'],
    ])
    expect(r.assembled.funding.map((f) => f.amount)).toEqual([1e9, 5e8])
  })

  it('gives each funding record its funding event, with the funders as investors', () => {
    const r = draft('百川智能完成50亿元A轮融资,由阿里巴巴领投,腾讯跟投。')
    const e = r.d.events.find((x) => x.id === r.d.funding[0].event) as AnnotationsEvent
    expect(e).toMatchObject({ type: 'funding', subject: 'baichuan', status: 'reported' })
    expect(e.participants).toEqual([
      { entity: 'alibaba', role: 'investor' },
      { entity: 'tencent', role: 'investor' },
    ])
    expect(e.summary_en).toBe('Baichuan raises a Series A round led by Alibaba, with Tencent participating.')
  })
})

describe('draftRecords: traps', () => {
  it('makes 估值约为 a valuation metric, never funding', () => {
    const r = draft('智谱AI估值约为200亿元。')
    expect(r.d.funding).toEqual([])
    expect(r.d.events).toEqual([])
    expect(r.d.metrics).toMatchObject([{ subject: 'zhipu-ai', measure: 'valuation' }])
    expect(r.assembled.metrics[0]).toMatchObject({ value: 2e10, unit: 'CNY' })
  })

  it('drafts a round whose only figure is 投后估值 as a flow with no amount and a valuation, never the valuation as its amount', () => {
    const r = draft('智谱AI完成B轮融资,投后估值达到30亿美元。')
    expect(r.d.funding).toMatchObject([{ recipient: 'zhipu-ai', round: 'b', no_amount: true, funders: [], funders_complete: false }])
    expect(r.assembled.funding[0]).toMatchObject({ amount: null, amount_low: null, amount_high: null, currency: null })
    expect(r.d.events).toMatchObject([{ type: 'funding', subject: 'zhipu-ai' }])
    expect(r.d.metrics).toMatchObject([{ subject: 'zhipu-ai', measure: 'valuation' }])
    expect(r.notes[r.d.funding[0].id]).toMatch(/no amount/)
  })

  it('makes 市值 a valuation of the company before it', () => {
    const r = draft('阿里巴巴市值跌破2000亿美元。')
    expect(r.d.funding).toEqual([])
    expect(r.d.metrics).toMatchObject([{ subject: 'alibaba', measure: 'valuation' }])
  })

  it('keeps the amount apart from the valuation written in the same sentence', () => {
    const r = draft('智谱AI以200亿元估值完成10亿元融资。')
    expect(r.d.funding[0].amount_quote).toEqual({ quote: '10亿元' })
    expect(r.assembled.funding[0].amount).toBe(1e9)
    expect(r.d.metrics[0].value_quote).toEqual({ quote: '200亿元' })
    expect(r.assembled.metrics[0].value).toBe(2e10)
  })

  it('never makes the owner in X旗下的Y a funder or the recipient', () => {
    const { f } = one('阿里巴巴旗下的蚂蚁集团获得高瓴资本的5亿美元投资。')
    expect(f).toMatchObject({ recipient: 'ant-group', funders: [{ entity: 'hillhouse', lead: true }] })
    expect(one('阿里巴巴的子公司蚂蚁集团向智谱AI投资3亿元。').f.funders).toEqual([{ entity: 'ant-group', lead: true }])
    expect(one('智谱AI完成10亿元融资,由腾讯旗下的产业基金领投。').f).toMatchObject({ funders: [], funders_complete: false })
  })

  it('drafts nothing from a loss, and keeps a loss out of the amount', () => {
    expect(draft('智谱AI去年净亏损5亿元。').d).toMatchObject({ funding: [], metrics: [], events: [] })
    const r = draft('智谱AI完成10亿元融资,但去年亏损3亿元。')
    expect(r.assembled.funding).toMatchObject([{ amount: 1e9 }])
  })

  it('drafts no funding from share counts and per-share prices', () => {
    expect(draft('腾讯以每股10美元的价格认购智谱AI新发行的1000万股。').d.funding).toEqual([])
    // a per-share price is no amount of the flow: the investment is drafted with no amount
    const r = draft('腾讯以每股10美元投资智谱AI。')
    expect(r.d.funding).toMatchObject([{ recipient: 'zhipu-ai', funders: [{ entity: 'tencent' }], no_amount: true }])
    expect(r.assembled.funding[0].amount).toBeNull()
  })

  it('makes 营收 a revenue metric', () => {
    expect(draft('智谱AI去年营收达到8亿元。').d.metrics).toMatchObject([{ subject: 'zhipu-ai', measure: 'revenue' }])
  })

  it('skips an amount whose recipient no construction names, and says why', () => {
    const r = draft('本轮融资金额为10亿元。')
    expect(r.d.funding).toEqual([])
    expect(r.skipped).toMatchObject([
      { kind: 'funding', line: 1, quote: '本轮融资金额为10亿元', reason: expect.stringMatching(/no construction names who receives it/) },
    ])
  })

  it('skips an event whose subject is not a named entity instead of drafting a placeholder', () => {
    const r = draft('该公司宣布推出新一代模型。')
    expect(r.d.events).toEqual([])
    expect(r.skipped).toMatchObject([{ kind: 'event', quote: '该公司宣布推出新一代模型。', reason: expect.stringMatching(/推出/) }])
  })
})

describe('draftRecords: events', () => {
  const events = (text: string) => draft(text).d.events.map((e) => ({ type: e.type, subject: e.subject, participants: e.participants ?? [] }))
  it.each([
    [
      '由X创立',
      '智谱AI由张伟和李娜于2019年创立。',
      'founded',
      'zhipu-ai',
      [
        ['zhang-wei', 'founder'],
        ['li-na', 'founder'],
      ],
    ],
    ['X创办了Y', '张伟于2019年创办了百川智能。', 'founded', 'baichuan', [['zhang-wei', 'founder']]],
    ['X成立于', '月之暗面成立于2023年。', 'founded', 'moonshot', []],
    ['X推出了Y', '智谱AI推出了星火大模型。', 'launched', 'zhipu-ai', [['spark-model', 'subject']]],
    ['X发布 without a named product', '百川智能正式发布新一代模型。', 'launched', 'baichuan', []],
    ['X从Y离职', '张伟从智谱AI离职。', 'left', 'zhang-wei', [['zhipu-ai', 'target']]],
    ['X辞任Y', '李娜辞任百川智能首席执行官。', 'left', 'li-na', [['baichuan', 'target']]],
    ['X卸任', '王芳宣布卸任董事长一职。', 'left', 'wang-fang', []],
    ['X出任Y', '张伟出任月之暗面首席技术官。', 'appointed', 'zhang-wei', [['moonshot', 'target']]],
    ['Y任命X为', '百川智能任命李娜为总裁。', 'appointed', 'li-na', [['baichuan', 'target']]],
    ['X收购Y', '阿里巴巴以30亿美元收购百川智能。', 'acquired', 'alibaba', [['baichuan', 'target']]],
    ['Y被X收购', '百川智能被阿里巴巴收购。', 'acquired', 'alibaba', [['baichuan', 'target']]],
    ['X在…上市', '智谱AI计划于明年在港交所挂牌上市。', 'listed', 'zhipu-ai', []],
    ['X表示', '张伟表示,公司会继续招聘。', 'statement', 'zhang-wei', []],
    ['Y由<description>X于…创立', '百川智能由前搜索工程师张伟于2020年在北京创立。', 'founded', 'baichuan', [['zhang-wei', 'founder']]],
    ['Y由一群…创立 (no founder named)', '月之暗面于2023年由一群研究者创立。', 'founded', 'moonshot', []],
    ['Y成立不足一年', '智谱AI成立不足一年。', 'founded', 'zhipu-ai', []],
    ['X收购了<descriptor>Y', '阿里巴巴去年收购了模型企业百川智能。', 'acquired', 'alibaba', [['baichuan', 'target']]],
    ['Y任命<description>X出任', '百川智能任命前律师李娜出任总法律顾问。', 'appointed', 'li-na', [['baichuan', 'target']]],
    ['X加入Y，出任', '王芳将加入月之暗面，出任首席财务官。', 'appointed', 'wang-fang', [['moonshot', 'target']]],
    ['由X接任', '原负责人离职后，由张伟接任总裁。', 'appointed', 'zhang-wei', []],
    ['X挂牌', '智谱AI今日在港交所挂牌。', 'listed', 'zhipu-ai', []],
  ])('%s: %s', (_, text, type, subject, participants) => {
    expect(events(text)).toEqual([{ type, subject, participants: participants.map(([entity, role]) => ({ entity, role })) }])
  })

  it('keeps the deal value of an acquisition on the event, never in funding', () => {
    const r = draft('阿里巴巴完成对百川智能的收购,交易金额为30亿美元。')
    expect(r.d.funding).toEqual([])
    expect(r.d.events).toMatchObject([
      {
        type: 'acquired',
        subject: 'alibaba',
        evidence: [{ quote: '阿里巴巴完成对百川智能的收购,交易金额为30亿美元。' }],
        summary_en: 'Alibaba acquires Baichuan.',
      },
    ])
  })

  it('does not read 上市公司 as a listing', () => {
    expect(draft('阿里巴巴是一家上市公司。').d.events).toEqual([])
  })

  it('merges an event told in the headline and the body', () => {
    const r = draft('阿里巴巴收购百川智能\n阿里巴巴宣布以30亿美元收购百川智能。')
    expect(r.d.events).toHaveLength(1)
    expect(r.d.events[0].evidence.map((e) => e.quote)).toEqual(['阿里巴巴宣布以30亿美元收购百川智能。', '阿里巴巴收购百川智能'])
  })

  it('marks a rumoured acquisition as claimed', () => {
    const r = draft('据悉,阿里巴巴将收购百川智能。')
    expect(r.d.events[0]).toMatchObject({ type: 'acquired', status: 'claimed', attributed_to: null })
    expect(r.notes[r.d.events[0].id]).toMatch(/does not name/)
  })
})

describe('draftRecords: dates and ids', () => {
  it('points date_quote at the nearest earlier date of the paragraph when the evidence has none', () => {
    const r = draft('2024年3月1日,智谱AI召开发布会。会上智谱AI宣布完成10亿元融资。')
    expect(r.d.funding[0].date_quote).toEqual({ quote: '2024年3月1日' })
    expect(r.assembled.funding[0]).toMatchObject({ date_start: '2024-03-01', date_end: '2024-03-01' })
    expect(r.d.events.map((e) => e.type)).toEqual(['funding'])
  })

  it('dates a round by the time of its own clause, not by the founding year of the clause before it', () => {
    const r = draft('百川智能于2020年在杭州创立，2023年10月完成3亿元A轮融资，由小米领投。', '2024-01-05')
    expect(r.d.funding[0]).toMatchObject({ id: 'baichuan-a-round-2023', date_quote: { quote: '2023年10月' } })
    expect(r.assembled.funding[0]).toMatchObject({ date_start: '2023-10-01', date_end: '2023-10-31' })
  })

  it('leaves a round undated when the only time of its sentence belongs to another verb (创立)', () => {
    const r = draft('百川智能于2020年在杭州创立，小米向百川智能投资3亿元。', '2024-01-05')
    expect(r.d.funding[0]).toMatchObject({ id: 'xiaomi-baichuan-2024', undated: true })
    expect(r.assembled.funding[0]).toMatchObject({ date_start: null, date_end: null })
  })

  it.each([
    ['a clause that is only a time', '2023年10月，百川智能完成3亿元A轮融资，由小米领投。'],
    ['a clause whose verb announces the next', '小米2023年10月宣布，向百川智能投资3亿元。'],
    ['a clause whose cue word is inside a noun (发布会)', '百川智能在2023年10月的发布会上，宣布完成3亿元A轮融资。'],
  ])('dates a round by the time of %s before it', (_, text) => {
    expect(draft(text, '2024-01-05').assembled.funding[0]).toMatchObject({ date_start: '2023-10-01', date_end: '2023-10-31' })
  })

  it('does not give a second round of one sentence the time of the first', () => {
    const r = draft('百川智能2023年5月完成1亿元天使轮融资，又获得小米3亿元A轮投资。', '2024-01-05')
    expect(r.assembled.funding.map((f) => [f.round, f.date_start])).toEqual([
      ['angel', '2023-05-01'],
      ['a', null],
    ])
  })

  it('marks a record undated when the paragraph gives no date, and takes the year of the id from publishedOn', () => {
    const r = draft('智谱AI完成10亿元B轮融资。', '2024-05-20')
    expect(r.d.funding[0]).toMatchObject({ id: 'zhipu-ai-b-round-2024', event: 'zhipu-ai-raises-b-round-2024', undated: true })
  })

  it('keeps ids unique within the article', () => {
    const r = draft('腾讯向智谱AI投资1亿元。腾讯向智谱AI投资2亿元。')
    const f = r.d.funding as AnnotationsFunding[]
    expect(f.map((x) => x.id)).toEqual(['tencent-zhipu-ai', 'tencent-zhipu-ai-2'])
    expect(new Set([...r.d.events.map((e) => e.id), ...f.map((x) => x.id)]).size).toBe(4)
  })
})

describe('draftRecords: Hong Kong and Taiwan text', () => {
  it('reads traditional characters as their simplified form: 輪, 融資, 億, 領投, 跟投', () => {
    const { f, row } = one('智谱AI完成5億元B輪融資，由小米領投，高瓴资本跟投。')
    expect(f).toMatchObject({ recipient: 'zhipu-ai', round: 'b', status: 'completed', funders_complete: true })
    expect(f.funders).toEqual([
      { entity: 'xiaomi', lead: true },
      { entity: 'hillhouse', lead: false },
    ])
    expect(row.amount).toBe(5e8)
  })

  it('reads 據…透露 and 獲 in traditional text as a claim of unnamed sources', () => {
    const { f, row } = one('據知情人士透露，月之暗面獲得逾3億美元融資。')
    expect(f).toMatchObject({ recipient: 'moonshot', status: 'claimed', attributed_to: null })
    expect(row).toMatchObject({ amount: 3e8, amount_qualifier: 'over' })
  })
})

describe('draftRecords: more funders and claims', () => {
  it('takes the funders of 参与了本轮投资 as co-investors, with 等多家机构 leaving the list open', () => {
    const { f } = one('百川智能完成8亿元C轮融资，腾讯、小米等多家机构参与了本轮投资。')
    expect(f.funders).toEqual([
      { entity: 'tencent', lead: false },
      { entity: 'xiaomi', lead: false },
    ])
    expect(f.funders_complete).toBe(false)
  })

  it.each([
    ['被曝', '月之暗面被曝获得阿里巴巴6亿美元投资。'],
    ['据多家媒体报道', '据多家媒体报道，智谱AI已完成20亿元融资。'],
    ['消息指', '消息指百川智能获得4亿元融资。'],
  ])('marks %s as a claim of unnamed sources', (_, text) => {
    expect(one(text).f).toMatchObject({ status: 'claimed', attributed_to: null })
  })

  it('does not read 传 inside another word (传感器) as a claim', () => {
    expect(one('传感器厂商百川智能完成2亿元融资。').f.status).toBe('completed')
  })
})

describe('draftRecords: amounts it must not guess', () => {
  it('drafts a round whose amount is an order of magnitude (亿元级) with the bounds the normalizer reads', () => {
    const r = draft('智谱AI完成亿元级A轮融资，由红杉中国领投。')
    expect(r.d.funding).toMatchObject([{ recipient: 'zhipu-ai', round: 'a', funders: [{ entity: 'sequoia-china', lead: true }] }])
    expect(r.assembled.funding[0]).toMatchObject({ amount: null, amount_low: 1e8, amount_high: 1e9, amount_qualifier: 'about' })
  })

  it('drafts a round whose 级 follows a figure that is no power of ten (2亿元级) as an event only, and says why', () => {
    const r = draft('智谱AI完成2亿元级A轮融资，由红杉中国领投。')
    expect(r.d.funding).toEqual([])
    expect(r.d.events).toMatchObject([{ type: 'funding', subject: 'zhipu-ai', participants: [{ entity: 'sequoia-china' }] }])
    expect(r.skipped).toMatchObject([{ kind: 'funding', reason: expect.stringMatching(/\(2亿元\) is vague/) }])
  })

  it.each([
    ['数亿元', 1e8, 1e9],
    ['幾千萬元', 1e7, 1e8],
    // traditional 數 reads as 数 (the fold table), so the whole vague amount is read, never its tail 千萬
    ['數千萬港元', 1e7, 1e8],
    ['數億元', 1e8, 1e9],
  ])('keeps a vague amount the normalizer reads whole (%s), with its bounds', (amount, low, high) => {
    expect(one(`百川智能完成${amount}B轮融资，由小米领投。`).row).toMatchObject({ amount: null, amount_low: low, amount_high: high })
  })

  it('still takes an exact amount told elsewhere in the paragraph', () => {
    const r = draft('智谱AI完成亿元级A轮融资。本轮融资金额为1.2亿元，由红杉中国领投。')
    expect(r.assembled.funding[0]).toMatchObject({ amount: 1.2e8, amount_low: null, round: 'a' })
  })

  it('keeps the vague amount when the later figure lies outside its bounds or is in another currency', () => {
    const outside = draft('百川智能完成数千万元B轮融资。本轮融资金额为3亿元，由小米领投。')
    expect(outside.assembled.funding[0]).toMatchObject({ amount: null, amount_low: 1e7, amount_high: 1e8 })
    const currency = draft('百川智能完成千万元级B轮融资。本轮融资金额为2000万美元，由小米领投。')
    expect(currency.assembled.funding[0]).toMatchObject({ amount: null, amount_low: 1e7, amount_high: 1e8, currency: 'CNY' })
  })
})

describe('draftRecords: the subject carried over, and names with their alias', () => {
  it('makes Y宣布，批准向X提供…补贴 a grant of Y to X, announced, dated by the sentence', () => {
    const r = draft('盖茨基金会5月8日宣布，批准向百川智能提供最高2000万美元的补贴。', '2024-05-09')
    expect(r.d.funding).toHaveLength(1)
    expect(r.d.funding[0]).toMatchObject({ type: 'grant', status: 'announced', recipient: 'baichuan', funders: [{ entity: 'gates-foundation', lead: true }] })
    expect(r.assembled.funding[0]).toMatchObject({ amount: 2e7, date_start: '2024-05-08' })
  })

  it('names no funder when the first clause does not announce it', () => {
    const r = draft('盖茨基金会今年很活跃，向百川智能提供了2000万元补贴。')
    expect(r.d.funding).toMatchObject([{ type: 'grant', recipient: 'baichuan', funders: [], funders_complete: false }])
  })

  it('reads 向X（alias）投资 with the bracketed alias as the same recipient', () => {
    const { f } = one('腾讯向智谱AI（Zhipu AI）投资2亿元。')
    expect(f).toMatchObject({ recipient: 'zhipu-ai', funders: [{ entity: 'tencent', lead: true }] })
    expect(f.evidence).toEqual([{ quote: '腾讯向智谱AI（Zhipu AI）投资2亿元。' }])
  })

  it('reads the round letter of A1轮 as the round even when a name list has proposed A1 as a name', () => {
    const text = '百川智能完成3亿元A1轮融资。'
    const doc = ingest(meta, new TextEncoder().encode(text), 'article.txt')
    const found = extractMentions(doc.text, { referenceDate: null, entities: matcher })
    const a1 = text.indexOf('A1')
    const mentions = [...found, { kind: 'entity', start: a1, end: a1 + 2, text: 'A1', entity_id: 'a1', entity_type: 'organization' } as Mention]
    const r = draftRecords({ sourceId: 't1', text: doc.text, sentences: doc.sentences, mentions, publishedOn: null })
    expect(r.document.funding).toMatchObject([{ recipient: 'baichuan', round: 'a', funders: [] }])
  })
})

describe('assembleMachine: claims', () => {
  it('keeps a claim of unnamed sources with attributed_to null, and still leaves out a record with another problem', () => {
    const text = '据悉，智谱AI已完成10亿元融资。'
    const doc = ingest(meta, new TextEncoder().encode(text), 'article.txt')
    const mentions = extractMentions(doc.text, { referenceDate: null, entities: matcher })
    const d = draftRecords({ sourceId: 't1', text: doc.text, sentences: doc.sentences, mentions, publishedOn: null }).document
    const out = assembleMachine(doc, mentions, d, byId)
    expect(out.left_out).toEqual([])
    expect(out.funding).toMatchObject([{ status: 'claimed', attributed_to: null, amount: 1e9 }])
    const broken = { ...d, funding: d.funding.map((f) => ({ ...f, recipient: 'no-such-entity' })) }
    const again = assembleMachine(doc, mentions, broken, byId)
    expect(again.funding).toEqual([])
    expect(again.left_out.map((x) => x.table)).toEqual(['funding'])
  })
})

describe('draftRecords: one company written with and without its descriptor', () => {
  it('merges the headline 智谱AI and the body 大模型公司智谱AI into one flow of the name proper', () => {
    const r = draft('智谱AI完成6亿元B轮融资\n大模型公司智谱AI宣布完成6亿元B轮融资，由红杉中国领投。')
    expect(r.d.funding).toMatchObject([{ recipient: 'zhipu-ai', round: 'b', funders: [{ entity: 'sequoia-china', lead: true }] }])
  })

  it('keeps apart two companies whose names only start alike (百川智能 and 百川智能汽车)', () => {
    const r = draft('百川智能完成6亿元B轮融资\n百川智能汽车宣布完成6亿元B轮融资。')
    expect(r.d.funding.map((f) => f.recipient)).toEqual(['baichuan', 'baichuan-auto'])
  })
})

describe('draftRecords: words that refer back to a company', () => {
  it('reads 公司 at the start of a clause as the company the paragraph is about', () => {
    const { f, row } = one('智谱AI成立于2019年。2024年3月，公司获得红杉中国领投的5亿元B轮融资。')
    expect(f).toMatchObject({ recipient: 'zhipu-ai', round: 'b', funders: [{ entity: 'sequoia-china', lead: true }] })
    expect(row.amount).toBe(5e8)
  })

  it('reads 该公司 anywhere as the last company that was a subject', () => {
    expect(one('百川智能上周发布了新模型。据悉，该公司已完成由腾讯领投的3亿元融资。').f).toMatchObject({ recipient: 'baichuan', status: 'claimed' })
  })

  it('reads 其 at the start of a clause as the subject before it, and 终止 as cancelled', () => {
    const { f } = one('月之暗面6月宣布，其原定引入美团2亿元战略投资的计划已终止。')
    expect(f).toMatchObject({ recipient: 'moonshot', funders: [{ entity: 'meituan' }], round: 'strategic', status: 'cancelled' })
  })

  it('reads 后者 as the last entity named before it', () => {
    const { f } = one('阿里巴巴与百川智能签署合作协议，后者去年完成了B轮融资。')
    expect(f).toMatchObject({ recipient: 'baichuan', round: 'b', no_amount: true })
  })

  it('never reads 公司 inside a longer word (上市公司) as the company', () => {
    const r = draft('智谱AI发布了新模型。一家上市公司获得10亿元融资。')
    expect(r.d.funding).toEqual([])
  })

  it('drafts no statement for 公司表示: a company referred back to says nothing a curator records', () => {
    const r = draft('智谱AI完成5亿元融资。公司表示，资金将用于研发。')
    expect(r.d.events.filter((e) => e.type === 'statement')).toEqual([])
  })
})

describe('draftRecords: a clause with no subject takes the topic', () => {
  it('drafts 又完成B轮融资 as a second round of the company, with its own roles', () => {
    const r = draft('百川智能由张伟创立，2023年完成2亿元A轮融资；2024年又完成5亿元B轮融资，由腾讯领投，小米跟投。')
    expect(r.d.funding).toMatchObject([
      { recipient: 'baichuan', round: 'a', funders: [] },
      {
        recipient: 'baichuan',
        round: 'b',
        funders: [
          { entity: 'tencent', lead: true },
          { entity: 'xiaomi', lead: false },
        ],
      },
    ])
    expect(r.assembled.funding.map((x) => x.amount)).toEqual([2e8, 5e8])
  })

  it('drafts 并获得Y的授信 as a credit line of the subject, announced although 获得 is written', () => {
    const { f, row } = one('智谱AI上月发布了星火大模型，并获得中国银行20亿元的综合授信。')
    expect(f).toMatchObject({ recipient: 'zhipu-ai', funders: [{ entity: 'bank-of-china' }], type: 'loan', status: 'announced' })
    expect(row.amount).toBe(2e9)
  })

  it('drafts 拟募资 after a listing as the money an IPO would raise (round ipo, planned)', () => {
    const { f, row } = one('智谱AI的科创板上市申请已获受理，公司计划募资30亿元。')
    expect(f).toMatchObject({ recipient: 'zhipu-ai', round: 'ipo', status: 'planned', funders: [], funders_complete: false })
    expect(row.amount).toBe(3e9)
  })

  it('drafts no flow from a count of rounds (连续完成三轮融资)', () => {
    expect(draft('过去一年，百川智能连续完成三轮融资。').d.funding).toEqual([])
  })
})

describe('draftRecords: more constructions', () => {
  it('drafts 分别向A和B投资N和M as two flows, the amounts paired in order, and gives both the round told after', () => {
    const r = draft('红杉中国本月分别向智谱AI和百川智能投资1亿元和2亿元，两笔投资均为B轮。')
    expect(r.d.funding).toMatchObject([
      { recipient: 'zhipu-ai', funders: [{ entity: 'sequoia-china' }], round: 'b', status: 'completed' },
      { recipient: 'baichuan', funders: [{ entity: 'sequoia-china' }], round: 'b', status: 'completed' },
    ])
    expect(r.assembled.funding.map((x) => x.amount)).toEqual([1e8, 2e8])
  })

  it('drafts Y向<descriptor>X捐赠N as a completed donation of Y', () => {
    const { f, row } = one('李娜以个人名义向慈善机构盖茨基金会捐赠500万元。')
    expect(f).toMatchObject({ recipient: 'gates-foundation', funders: [{ entity: 'li-na' }], type: 'donation', status: 'completed' })
    expect(row.amount).toBe(5e6)
  })

  it('drafts Y承诺，将向X投入不超过N as an announced pledge of Y, the qualifier after 投入 kept', () => {
    const { f, row } = one('腾讯同时承诺，未来两年将再向智谱AI投入不超过10亿元。')
    expect(f).toMatchObject({ recipient: 'zhipu-ai', funders: [{ entity: 'tencent' }], type: 'pledge', status: 'announced' })
    expect(row).toMatchObject({ amount: 1e9, amount_qualifier: 'under' })
  })

  it('drafts Y宣布，将资助X as an announced grant of Y', () => {
    const { f } = one('盖茨基金会5月宣布，将资助百川智能最高3亿元。')
    expect(f).toMatchObject({ recipient: 'baichuan', funders: [{ entity: 'gates-foundation' }], type: 'grant', status: 'announced' })
  })

  it('reads 领投方为Y as the lead and a clause Y参与 as a co-investor', () => {
    const { f } = one('百川智能完成10亿元C轮融资，领投方为红杉中国，高瓴资本参与。')
    expect(f.funders).toEqual([
      { entity: 'sequoia-china', lead: true },
      { entity: 'hillhouse', lead: false },
    ])
  })

  it('reads Y也都参与其中 as co-investors of the round', () => {
    expect(one('智谱AI完成了5亿元的A1轮融资，腾讯和美团也都参与其中。').f.funders.map((x) => x.entity)).toEqual(['tencent', 'meituan'])
  })

  it('drafts a round named without its size (金额未披露) with no_amount, its investors kept', () => {
    const { f, row } = one('美团获得B轮融资，金额未披露，投资方为腾讯。')
    expect(f).toMatchObject({ recipient: 'meituan', round: 'b', no_amount: true, funders: [{ entity: 'tencent' }] })
    expect(row).toMatchObject({ amount: null, currency: null, amount_qualifier: null })
  })
})

describe('draftRecords: statuses from the words', () => {
  it.each([
    ['曾获得 stays completed when 将 comes later', '智谱AI曾获得腾讯2亿元战略投资，当时双方表示将深化合作。', 'completed'],
    ['拿到了 is completed', '百川智能拿到了小米领投的3亿元A轮融资。', 'completed'],
    ['投资了 is completed', '腾讯上月投资了智谱AI，金额为2亿元。', 'completed'],
    ['传 before a name at the start is claimed', '传腾讯拟入股月之暗面 金额约10亿元', 'claimed'],
    ['宣布将 is announced', '高瓴资本宣布，将向百川智能投资5亿元。', 'announced'],
  ])('%s: %s', (_, text, status) => {
    expect(one(text).f.status).toBe(status)
  })

  it('reads 入股 with no series letter as a strategic round', () => {
    expect(one('传腾讯拟入股月之暗面 金额约10亿元').f.round).toBe('strategic')
  })
})

describe('assemble: no_amount', () => {
  it('refuses no_amount together with an amount_quote, at the record', () => {
    const text = '美团获得B轮融资，金额为3亿元，投资方为腾讯。'
    const doc = ingest(meta, new TextEncoder().encode(text), 'article.txt')
    const mentions = extractMentions(doc.text, { referenceDate: null, entities: matcher })
    const d = draftRecords({ sourceId: 't1', text: doc.text, sentences: doc.sentences, mentions, publishedOn: null }).document
    expect(d.funding[0].no_amount).toBeUndefined()
    const both = { ...d, funding: d.funding.map((f) => ({ ...f, no_amount: true, amount_quote: { quote: '3亿元' } })) }
    const problems = new Problems(() => null)
    assemble(doc, mentions, both, byId, problems)
    expect(problems.list).toMatchObject([{ pointer: '/funding/0/no_amount', message: expect.stringMatching(/amount_quote/) }])
  })
})

describe('draftRecords: 近日', () => {
  it('leaves a flow dated only by 近日 undated, and tells the reviewer the convention', () => {
    const r = draft('近日，智谱AI宣布完成5亿元B轮融资。', '2024-05-20')
    expect(r.d.funding[0]).toMatchObject({ undated: true })
    expect(r.assembled.funding[0]).toMatchObject({ date_start: null, date_end: null })
    expect(r.notes[r.d.funding[0].id]).toMatch(/近日 gives no day: undated; .*publication date/)
  })
})

describe('draftRecords: constructions found on the held-out articles', () => {
  it('reads 參與 (traditional) as 参与, not as the numeral 參', () => {
    expect(one('百川智能完成5亿元B轮融资，由腾讯领投，小米參與。').f.funders).toEqual([
      { entity: 'tencent', lead: true },
      { entity: 'xiaomi', lead: false },
    ])
  })

  it('keeps an old shareholder inside a list of co-investors (A及老股东B跟投)', () => {
    const { f } = one('智谱AI完成3亿元C轮融资，由红杉中国领投，美团及老股东腾讯跟投。')
    expect(f.funders.map((x) => x.entity).sort()).toEqual(['meituan', 'sequoia-china', 'tencent'])
    expect(f.funders.filter((x) => x.lead).map((x) => x.entity)).toEqual(['sequoia-china'])
  })

  it('drafts Y正洽谈以约N入股X as a claimed stake of Y', () => {
    const { f, row } = one('据悉，小米正洽谈以约6亿元入股月之暗面。')
    expect(f).toMatchObject({ recipient: 'moonshot', funders: [{ entity: 'xiaomi' }], status: 'claimed', round: 'strategic' })
    expect(row).toMatchObject({ amount: 6e8, amount_qualifier: 'about' })
  })

  it('attributes a claim to the outlet in 据《Y》报道', () => {
    expect(one('另据《彭博社》报道，腾讯拟入股智谱AI，金额约5亿元。').f).toMatchObject({ status: 'claimed', attributed_to: 'bloomberg' })
  })

  it('drafts a 并购贷款 credit line as a loan, not as an acquisition', () => {
    expect(one('百川智能同日获得中国银行10亿元的并购贷款授信。').f).toMatchObject({
      recipient: 'baichuan',
      funders: [{ entity: 'bank-of-china' }],
      type: 'loan',
      status: 'announced',
    })
  })

  it('reads 有消息称 as a claim', () => {
    expect(one('另有消息称，月之暗面完成超10亿元的C轮融资。').f.status).toBe('claimed')
  })
})

describe('draftRecords: the lead', () => {
  it('makes the only funder of a complete list (投资方为X) the lead, but not the only one of a list with 等', () => {
    expect(one('美团获得B轮融资，金额为3亿元，投资方为腾讯。').f.funders).toEqual([{ entity: 'tencent', lead: true }])
    expect(one('美团获得B轮融资，金额为3亿元，投资方包括腾讯等机构。').f.funders).toEqual([{ entity: 'tencent' }])
  })
})

describe('draftRecords: the topic', () => {
  it('never makes a funder given its role (老股东Y追加投资) the company 公司 refers to', () => {
    const r = draft('智谱AI完成5亿元B轮融资，由红杉中国领投，老股东腾讯追加投资。公司计划于2027年在港交所上市。')
    expect(r.d.events.filter((e) => e.type === 'listed')).toMatchObject([{ subject: 'zhipu-ai' }])
  })
})

describe('suffixed, the id of a base reported again in one article', () => {
  it('is the slug of the base, then the slug with -<n> kept whole, however long the base', () => {
    expect([suffixed('Acme Robotics raised', 1), suffixed('Acme Robotics raised', 2)]).toEqual(['acme-robotics-raised', 'acme-robotics-raised-2'])
    const long = Array.from({ length: 12 }, (_, i) => `company${i}`).join(' ')
    const ids = [1, 2, 3, 10].map((n) => suffixed(long, n))
    // four different ids of at most 80 characters, where cutting `<base>-<n>` at 80 gave the first id every time
    expect(new Set(ids).size).toBe(4)
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(80)
    expect(ids.slice(1).map((id) => id.slice(id.lastIndexOf('-')))).toEqual(['-2', '-3', '-10'])
  })
})
