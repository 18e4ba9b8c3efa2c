import { describe, expect, it } from 'vitest'
import { byDate, entityProfiles, fundingTotal, type ReleaseTables, sumDecimals, tierCount } from '../../pipeline/publish/site-data.ts'

const row = (r: Record<string, string>) => r

describe('the site’s view of a release', () => {
  it.each([
    [['0.1', '0.2'], '0.3'],
    [['1000000000', '69470000.25'], '1069470000.25'],
    [['1.50', '2.5'], '4'],
    [['-3', '1.25'], '-1.75'],
    [[], '0'],
  ])('adds %j exactly to %s', (values, sum) => {
    expect(sumDecimals(values)).toBe(sum)
  })

  it('refuses a value that is not a plain decimal', () => {
    expect(() => sumDecimals(['1e9'])).toThrow(/not a decimal number: "1e9"/)
  })

  it('orders rows by their first day, spans by their end next, undated last and ties by id', () => {
    const rows = [
      row({ id: 'a', date_start: '', date_end: '' }),
      row({ id: 'b', date_start: '2023-01-01', date_end: '2023-12-31' }),
      row({ id: 'c', date_start: '', date_end: '2019-06-30' }),
      row({ id: 'd', date_start: '2023-01-01', date_end: '2023-01-31' }),
      row({ id: 'e', date_start: '2015-01-01', date_end: '2015-12-31' }),
      row({ id: '0', date_start: '', date_end: '' }),
    ]
    expect(byDate(rows, 'id').map((r) => r.id)).toEqual(['e', 'c', 'd', 'b', '0', 'a'])
  })

  it('counts the tiers only where the table has review_status', () => {
    const rows = [row({ review_status: 'machine' }), row({ review_status: 'reviewed' }), row({ review_status: 'machine' })]
    expect(tierCount(rows, ['x', 'review_status'])).toEqual({ rows: 3, reviewed: 1, machine: 2 })
    expect(tierCount(rows, ['x'])).toEqual({ rows: 3, reviewed: null, machine: null })
  })

  it('sums amount_usd where a row has it and keeps the rest in its own currency, leaving claims and cancellations out', () => {
    const total = fundingTotal([
      row({ status: 'completed', amount: '500000000', currency: 'CNY', amount_usd: '69470000.25', amount_qualifier: 'exact' }),
      row({ status: 'announced', amount: '3000000', currency: 'USD', amount_usd: '3000000', amount_qualifier: 'exact' }),
      row({ status: 'completed', amount: '20000000', currency: 'HKD', amount_usd: '', amount_qualifier: 'about' }),
      row({ status: 'completed', amount: '', currency: '', amount_usd: '', amount_qualifier: '' }),
      row({ status: 'claimed', amount: '100', currency: 'USD', amount_usd: '100', amount_qualifier: 'exact' }),
      row({ status: 'cancelled', amount: '100', currency: 'USD', amount_usd: '100', amount_qualifier: 'exact' }),
    ])
    expect(total).toEqual({
      usd: '72470000.25',
      usdRows: 2,
      other: [{ currency: 'HKD', amount: '20000000', rows: 1 }],
      noAmount: 1,
      approximate: true,
      rows: 4,
    })
  })

  it('totals in the original currencies when the release converts none', () => {
    const total = fundingTotal([
      row({ status: 'completed', amount: '5', currency: 'CNY', amount_usd: '', amount_qualifier: 'exact' }),
      row({ status: 'completed', amount: '7', currency: 'CNY', amount_usd: '', amount_qualifier: 'exact' }),
      row({ status: 'completed', amount: '2', currency: 'EUR', amount_usd: '', amount_qualifier: 'exact' }),
    ])
    expect([total.usd, total.other, total.approximate]).toEqual([
      null,
      [
        { currency: 'CNY', amount: '12', rows: 2 },
        { currency: 'EUR', amount: '2', rows: 1 },
      ],
      false,
    ])
  })

  it('tells what an entity founded, launched, raised and invested in, and lists its other events once', () => {
    const t: ReleaseTables = {
      sources: [],
      entities: [
        row({ entity_id: 'acme', entity_type: 'organization', name_en: 'Acme', name_zh: '甲公司' }),
        row({ entity_id: 'widget', entity_type: 'product', name_en: 'Widget', name_zh: '' }),
        row({ entity_id: 'wu', entity_type: 'person', name_en: 'Wu', name_zh: '吴' }),
        row({ entity_id: 'fund', entity_type: 'organization', name_en: 'Fund', name_zh: '' }),
      ],
      events: [
        row({ event_id: 'e1', event_type: 'founded', subject_id: 'acme', date_start: '2019-01-01', date_end: '2019-12-31' }),
        row({ event_id: 'e2', event_type: 'launched', subject_id: 'acme', date_start: '2021-05-01', date_end: '2021-05-31' }),
        row({ event_id: 'e3', event_type: 'funding', subject_id: 'acme', date_start: '2022-01-01', date_end: '2022-01-01' }),
        row({ event_id: 'e4', event_type: 'statement', subject_id: 'wu', date_start: '', date_end: '' }),
      ],
      event_participants: [
        ['e1', 'acme', 'subject'],
        ['e1', 'wu', 'founder'],
        ['e2', 'acme', 'subject'],
        ['e2', 'widget', 'subject'],
        ['e3', 'acme', 'recipient'],
        ['e3', 'fund', 'investor'],
        ['e4', 'wu', 'subject'],
        ['e4', 'acme', 'mentioned'],
      ].map(([event_id, entity_id, role]) => row({ event_id, entity_id, role })),
      funding: [row({ funding_id: 'f1', event_id: 'e3', recipient_id: 'acme', date_start: '2022-01-01', date_end: '2022-01-01' })],
      funders: [row({ funding_id: 'f1', entity_id: 'fund', is_lead: 'true' })],
      metrics: [],
      evidence: [],
      mentions: [row({ entity_id: 'acme', text: '甲' }), row({ entity_id: 'acme', text: '甲公司' })],
      columns: {},
    }
    const p = entityProfiles(t)
    const acme = p.get('acme')!
    expect(acme.names).toEqual(['Acme', '甲公司', '甲'])
    expect(acme.launched).toEqual([{ event: t.events[1], products: ['widget'] }])
    expect(acme.raised.map((f) => f.funding_id)).toEqual(['f1'])
    // its own founding and the statement that mentions it; the funding event is told by its funding row
    expect(acme.other.map((o) => [o.event.event_id, o.roles])).toEqual([
      ['e1', ['subject']],
      ['e4', ['mentioned']],
    ])
    expect(p.get('wu')!.founded.map((e) => e.event_id)).toEqual(['e1'])
    expect(p.get('fund')!.invested.map((f) => f.funding_id)).toEqual(['f1'])
    expect(p.get('widget')!.launched).toEqual([])
  })
})
