import { describe, expect, it } from 'vitest'
import type { Truth } from '../../pipeline/bench/generate-corpus.ts'
import { matchFlows } from '../../pipeline/bench/score-flows.ts'

const planted = (id: string, amount: number | null, start: string, extra: Partial<Truth> = {}): Truth => ({
  source_id: 's1',
  kind: 'funding',
  id,
  subject: 'company-001',
  construction: 'completed-led',
  script: 'simplified',
  money: { text: '近亿元', amount, currency: 'CNY', qualifier: 'under', ...(amount === null ? { low: 1e7, high: 1e8 } : {}) },
  when: { text: '', start, end: start, precision: 'day' },
  ...extra,
})
const row = (id: string, fields: Record<string, string>) => ({
  funding_id: id,
  recipient_id: 'company-001',
  amount: '100000000',
  amount_low: '',
  amount_high: '',
  currency: 'CNY',
  amount_qualifier: 'under',
  date_start: '2020-01-01',
  date_end: '2020-01-01',
  date_precision: 'day',
  review_status: 'machine',
  ...fields,
})
const evidence = (id: string, source = 's1') => ({ record_table: 'funding', record_id: id, source_id: source })

describe('matching funding rows to planted flows', () => {
  it('matches by article, recipient, currency and amount, whatever the ids', () => {
    const truth = [planted('t1', 1e8, '2020-01-01')]
    const r = matchFlows(truth, [row('m-x', {})], [evidence('m-x')], 'machine')
    expect([r.flow_precision, r.flow_recall, r.amount_recall, r.flow_date_recall]).toEqual([1, 1, 1, 1])
  })

  it('counts a row of another article, recipient or currency as no match, and a wrong qualifier as a found flow with a wrong amount', () => {
    const truth = [planted('t1', 1e8, '2020-01-01')]
    expect(matchFlows(truth, [row('m-x', {})], [evidence('m-x', 's2')], 'machine').flow_recall).toBe(0)
    expect(matchFlows(truth, [row('m-x', { recipient_id: 'company-002' })], [evidence('m-x')], 'machine').flow_recall).toBe(0)
    expect(matchFlows(truth, [row('m-x', { currency: 'HKD' })], [evidence('m-x')], 'machine').flow_precision).toBe(0)
    const r = matchFlows(truth, [row('m-x', { amount_qualifier: 'exact' })], [evidence('m-x')], 'machine')
    expect([r.flow_recall, r.amount_recall]).toEqual([1, 0])
  })

  it('matches a vague amount by its bounds, and scores only the rows of the tier', () => {
    const truth = [planted('t1', null, '2020-01-01')]
    const vague = row('m-x', { amount: '', amount_low: '10000000', amount_high: '100000000' })
    expect(matchFlows(truth, [vague], [evidence('m-x')], 'machine').flow_recall).toBe(1)
    expect(matchFlows(truth, [{ ...vague, amount_high: '50000000' }], [evidence('m-x')], 'machine').flow_recall).toBe(0)
    const r = matchFlows(truth, [vague], [evidence('m-x')], 'annotated')
    expect([r.flows_drafted, r.flow_recall]).toEqual([0, 0])
  })

  it('pairs two flows of one amount with the rows right on their dates', () => {
    const truth = [planted('t1', 1e8, '2021-05-05'), planted('t2', 1e8, '2020-01-01')]
    const rows = [row('m-a', {}), row('m-b', { date_start: '2021-05-05', date_end: '2021-05-05' })]
    const r = matchFlows(truth, rows, [evidence('m-a'), evidence('m-b')], 'machine')
    expect([r.flow_precision, r.flow_recall, r.flow_date_recall]).toEqual([1, 1, 1])
  })
})

describe('a row merged from two articles', () => {
  it('counts once in every precision, and once per article in recall', () => {
    const truth = [planted('t1', 1e8, '2020-01-01'), { ...planted('t2', 1e8, '2020-01-01'), source_id: 's2' }]
    const r = matchFlows(truth, [row('m-x', {})], [evidence('m-x'), evidence('m-x', 's2')], 'machine')
    expect([r.flow_precision, r.amount_precision, r.flow_date_precision, r.flow_recall, r.amount_recall]).toEqual([1, 1, 1, 1, 1])
  })
})
