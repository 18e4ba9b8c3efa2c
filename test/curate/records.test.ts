import { describe, expect, it } from 'vitest'
import { closeNames, Problems, SourceRecords } from '../../pipeline/curate/records.ts'
import { extractMentions } from '../../pipeline/normalize/mentions.ts'
import { ingest } from '../../pipeline/store/sources.ts'
import { sourceMeta } from '../helpers/source.ts'

const TEXT = '2019年3月11日,公司宣布转型。不到半年,公司获得了10亿美元。公司获得了10亿美元。'
const meta = sourceMeta({ source_id: 's1' })

function records() {
  const doc = ingest(meta, new TextEncoder().encode(TEXT), 'article.txt')
  const problems = new Problems(() => 7)
  return { src: new SourceRecords(doc, extractMentions(doc.text), new Map(), problems), problems }
}

describe('SourceRecords', () => {
  it('finds a quote that occurs once, and names the occurrence to use when it repeats', () => {
    const { src, problems } = records()
    const at = TEXT.indexOf('宣布转型') // the text is all in the Basic Multilingual Plane: UTF-16 index = code point
    expect(src.locate({ quote: '宣布转型' }, '/q')).toEqual({ start: at, end: at + 4 })
    expect(src.locate({ quote: '公司获得了10亿美元' }, '/a')).toBeNull()
    expect(problems.list[0]).toMatchObject({ pointer: '/a', line: 7 })
    expect(problems.list[0].message).toMatch(/ambiguous quote: "公司获得了10亿美元" occurs 2 times/)
    const second = TEXT.lastIndexOf('公司获得了10亿美元')
    expect(src.locate({ quote: '公司获得了10亿美元', occurrence: 2 }, '/b')).toEqual({ start: second, end: second + '公司获得了10亿美元'.length })
  })

  it('takes the amount and the date from the mentions inside the quoted text', () => {
    const { src } = records()
    const evidence = [src.locate({ quote: '不到半年,公司获得了10亿美元', occurrence: 1 }, '/e')]
    expect(src.money(evidence, '/e')).toMatchObject({ amount: 1e9, currency: 'USD' })
    expect(src.date({ date_quote: { quote: '2019年3月11日' } }, evidence, '/e')).toMatchObject({ date_start: '2019-03-11', date_precision: 'day' })
  })

  it('publishes each override with its reason and keeps the EDTF in step with bounds set by hand', () => {
    const { src } = records()
    const row = { date_start: '2019-03-11', date_end: '2019-03-11', date_qualifier: null, date_edtf: '2019-03-11', notes: null }
    src.override(
      row,
      [
        { field: 'date_qualifier', value: 'after', reason: 'Within half a year after the announcement.' },
        { field: 'date_end', value: '2019-09-11', reason: 'At most six months later.' },
      ],
      '/f',
    )
    expect(row).toMatchObject({ date_start: '2019-03-11', date_end: '2019-09-11', date_qualifier: 'after', date_edtf: '2019-03-11/2019-09-11' })
    expect(row.notes).toBe(
      'date_qualifier set to "after" by hand: Within half a year after the announcement. date_end set to "2019-09-11" by hand: At most six months later.',
    )
  })

  it('refuses an override of a field the record does not have (an amount on an event)', () => {
    const { src, problems } = records()
    const event = { event_id: 'e', date_qualifier: null, notes: null }
    src.override(event, [{ field: 'amount_qualifier', value: 'about', reason: 'events have no amounts' }], '/g')
    expect(problems.list[0]).toMatchObject({ pointer: '/g/overrides/0/field', message: '"amount_qualifier" is not a field of this record' })
  })
})

describe('closeNames', () => {
  const ids = ['openai', 'dall-e', 'elon-musk', 'gpt-4', 'chatgpt', 'sam-altman', 'microsoft', 'google']
  it.each([
    ['open-ai', ['openai']],
    ['opanai', ['openai']],
    ['elon-musc', ['elon-musk']],
    ['gpt4', ['gpt-4']],
    ['chat-gpt', ['chatgpt']],
    ['mircosoft', ['microsoft']],
    ['open-ai-inc', []],
    ['anthropic', []],
    ['x', []],
    ['e', []],
  ])('suggests for %s only close names: %j', (word, expected) => {
    expect(closeNames(word, ids)).toEqual(expected)
  })

  it('never suggests a name in another script', () => {
    expect(closeNames('微软', ['微软公司', 'weiruan', '谷歌'])).toEqual([])
    expect(closeNames('微软司', ['微软公司', 'weiruan'])).toEqual(['微软公司'])
  })

  it('says "did you mean" only with a close id in the unknown-entity problem', () => {
    const doc = ingest(meta, new TextEncoder().encode(TEXT), 'article.txt')
    const entities = new Map(ids.map((id) => [id, { entity_id: id } as never]))
    const problems = new Problems(() => 1)
    const src = new SourceRecords(doc, [], entities, problems)
    src.entity('opena1', '/a')
    src.entity('open-ai-inc', '/b')
    expect(problems.list.map((p) => p.message)).toEqual([
      'unknown entity "opena1" (expected an entity_id of raw/entities.json; did you mean openai?)',
      'unknown entity "open-ai-inc" (expected an entity_id of raw/entities.json)',
    ])
  })
})

describe('the amount of a money record', () => {
  const amountOf = (text: string) => {
    const doc = ingest(meta, new TextEncoder().encode(text), 'article.txt')
    const problems = new Problems(() => 3)
    const src = new SourceRecords(doc, extractMentions(doc.text), new Map(), problems)
    const m = src.money([src.locate({ quote: text }, '/q')], '/funding/0/evidence')
    return { amount: m?.amount ?? null, problems: problems.list.map((p) => p.message) }
  }

  it('is refused, naming it, when the quoted figure is not one well-formed amount', () => {
    const { amount, problems } = amountOf('公司获得1亿2亿美元投资')
    expect(amount).toBeNull()
    expect(problems).toEqual([expect.stringMatching(/^the amount "1亿2亿美元" is not one well-formed amount \(.+\); expected a figure the text states once$/)])
  })

  it('is refused when the figure is a loss, which no one paid', () => {
    expect(amountOf('公司去年亏损2亿元').problems).toEqual(['"2亿元" is a loss, not money that changed hands (expected a funding amount)'])
  })

  it('is taken as it is when the figure is one amount', () => {
    expect(amountOf('公司获得2亿元投资')).toEqual({ amount: 2e8, problems: [] })
  })
})
