import { describe, expect, it } from 'vitest'
import { usdTotals } from '../../pipeline/cli/site.ts'

describe('the funding totals in US dollars on the dataset page', () => {
  const row = (recipient_id: string, status: string, amount_usd: string) => ({ recipient_id, status, amount_usd })
  const html = usdTotals(
    [
      row('yun-fan', 'completed', '138859959.73'),
      row('yun-fan', 'announced', '100000000.1'),
      row('yun-fan', 'claimed', '5000000000'),
      row('yun-fan', 'completed', ''),
      row('hai-xin', 'completed', '0.2'),
    ],
    new Map([['yun-fan', 'Yunfan (云帆科技)']]),
  )

  it('sums each recipient’s rows that are not claims, to the cent, and counts the rows with no dollar amount apart', () => {
    const rows = [...html.matchAll(/<tr><td>([^<]*)<\/td><td class="num">([^<]*)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)].map(
      (m) => m.slice(1),
    )
    expect(rows).toEqual([
      ['Yunfan (云帆科技)', '238,859,959.83', '2', '1'],
      ['hai-xin', '0.20', '1', '0'],
    ])
  })

  it('explains the conversion and names the rate columns', () => {
    expect(html).toContain('Federal Reserve')
    expect(html).toContain('<code>usd_rate</code>')
  })
})
