import { describe, expect, it } from 'vitest'
import { fundersOf, fundingTotal } from '../../pipeline/publish/site-data.ts'
import { amountHtml, type Context, formatAmount, fundersHtml, sourceHtml, totalHtml } from '../../pipeline/publish/site-parts.ts'

const context = (over: Partial<Context> = {}): Context => ({
  names: new Map([['acme', 'Acme <b> (甲)']]),
  short: new Map([['acme', 'Acme <b>']]),
  sources: new Map([['s1', { source_id: 's1', title: 'T', publisher: 'P', published_on: '2024-01-02', url: 'javascript:alert(1)' }]]),
  evidence: new Map(),
  texts: new Map(),
  funders: fundersOf([{ funding_id: 'f1', entity_id: 'acme', is_lead: 'true' }]),
  root: '../',
  converts: true,
  ...over,
})

describe('the pieces of the site’s pages', () => {
  it.each([
    ['1000000000', 'USD', 'exact', 'US$1B'],
    ['500000000', 'CNY', 'about', '~CNY 500M'],
    ['20000', 'HKD', 'over', '>HKD 20,000'],
    ['', 'USD', 'exact', ''],
  ])('writes %s %s (%s) as %s', (amount, currency, qualifier, text) => {
    expect(formatAmount(amount, currency, qualifier)).toBe(text)
  })

  it('shows a converted amount with the rate and period that made it', () => {
    const html = amountHtml({
      amount: '500000000',
      currency: 'CNY',
      amount_qualifier: 'exact',
      amount_usd: '69470000.25',
      usd_rate: '7.1974',
      usd_rate_period: '2024-03',
    })
    expect(html).toBe('CNY 500M<br><small title="69470000.25 USD">US$69.47M at 7.1974 (2024-03)</small>')
  })

  it('says "no rate for the rest" only when the release converts currencies at all', () => {
    const t = fundingTotal([
      { status: 'completed', amount: '3', currency: 'USD', amount_usd: '3', amount_qualifier: 'exact' },
      { status: 'completed', amount: '5', currency: 'CNY', amount_usd: '', amount_qualifier: 'exact' },
    ])
    expect(totalHtml(t, true)).toContain('(no rate for the rest)')
    expect(totalHtml(t, false)).not.toContain('no rate')
    expect(totalHtml(t, false)).toContain('US$3</span> + <span title="5 CNY, exact sum of 1 row(s)">CNY 5</span>')
  })

  it('escapes names and links only http(s) sources', () => {
    const c = context()
    expect(fundersHtml(c, { funding_id: 'f1', funders_complete: 'false', funder_names: '' })).toBe(
      '<a href="../entities/acme.html">Acme &lt;b&gt; (甲)</a> <small>(lead)</small>, <small>others not named</small>',
    )
    expect(sourceHtml(c, 's1')).toBe('T, P, 2024-01-02 (<code>s1</code>)')
  })
})
