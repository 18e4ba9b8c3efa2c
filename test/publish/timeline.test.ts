import { describe, expect, it } from 'vitest'
import { type TimelineItem, timelineHtml, whenText } from '../../pipeline/publish/timeline.ts'

const item = (id: string, start: string | null, end: string | null, more: Partial<TimelineItem> = {}): TimelineItem => ({
  table: 'events',
  id,
  label: `label of ${id}`,
  start,
  end,
  qualifier: null,
  claimed: false,
  machine: false,
  ...more,
})

describe('the timeline', () => {
  it.each([
    ['2015-01-01', '2015-12-31', null, '2015'],
    ['2022-11-01', '2022-11-30', null, '2022-11'],
    ['2024-02-01', '2024-02-29', null, '2024-02'],
    ['2018-01-01', '2018-02-28', 'early', '2018-01 – 2018-02 (early)'],
    ['2023-01-25', '2023-01-31', 'late', '2023-01-25 – 2023-01-31 (late)'],
    ['2019-03-11', '2019-03-11', null, '2019-03-11'],
    ['2018-01-01', null, 'after', 'from 2018-01-01 on'],
    [null, '2025-12-31', 'before', 'by 2025-12-31'],
    [null, null, null, 'undated'],
  ])('writes %s to %s (%s) as %s', (start, end, qualifier, text) => {
    expect(whenText(start, end, qualifier)).toBe(text)
  })

  it('lists dated records earliest first with the years between, and leaves undated ones out', () => {
    const html = timelineHtml([item('late', '2023-05-01', '2023-05-01'), item('none', null, null), item('early', '2019-01-01', '2019-12-31')])
    expect([...html.matchAll(/data-record="events\/([a-z]+)"/g)].map((m) => m[1])).toEqual(['early', 'late'])
    expect([...html.matchAll(/<li class="tl-year"[^>]*>(\d+)</g)].map((m) => m[1])).toEqual(['2019', '2023'])
  })

  it('draws a whole year as a bar over its share of the track, a day as a dot', () => {
    const html = timelineHtml([item('y', '2019-01-01', '2019-12-31'), item('d', '2020-07-02', '2020-07-02')])
    // two years shown: 2019 is the first half of the track
    expect(html).toMatch(/class="mark event bar" data-record="events\/y">.*style="left:0\.000%;width:50\.000%"/)
    expect(html).toMatch(/class="mark event dot" data-record="events\/d">/)
  })

  it('escapes labels', () => {
    const html = timelineHtml([item('x', '2020-01-01', '2020-01-01', { label: '<script>alert(1)</script>' })])
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })
})
