/**
 * The timeline chart as SVG, made at build time: a day is a point, a span ("early 2018") a bar
 * from its first to its last day, an open date ("after 2019-03-11") a point with a dotted tail;
 * funding is green with its amount, claims are dashed and say so.
 */
import { escapeHtml as esc } from './html.ts'

export interface TimelineItem {
  table: 'events' | 'funding'
  id: string
  label: string
  start: string | null
  end: string | null
  qualifier: string | null
  claimed: boolean
}

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000

export function timelineSvg(items: TimelineItem[]): string {
  const dated = items.filter((i) => i.start || i.end).sort((a, b) => (a.start ?? a.end ?? '').localeCompare(b.start ?? b.end ?? '') || a.id.localeCompare(b.id))
  if (dated.length === 0) return '<p>No dated records.</p>'
  const days = dated.flatMap((i) => [i.start, i.end].filter((d): d is string => d !== null).map(day))
  const firstYear = new Date(Math.min(...days) * 86_400_000).getUTCFullYear()
  const lastYear = new Date(Math.max(...days) * 86_400_000).getUTCFullYear() + 1
  const [left, right, top, lane] = [16, 620, 28, 24]
  const width = 980
  const x0 = day(`${firstYear}-01-01`)
  const x1 = day(`${lastYear}-01-01`)
  const x = (d: number) => left + ((d - x0) / (x1 - x0)) * (right - left)
  const height = top + dated.length * lane + 10
  const out: string[] = [
    `<svg class="timeline" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">`,
    '<title id="timeline-title">Timeline of dated events and funding; bars show the uncertainty of vague dates</title>',
  ]
  for (let y = firstYear; y <= lastYear; y++) {
    const px = x(day(`${y}-01-01`)).toFixed(1)
    out.push(
      `<line class="axis" x1="${px}" x2="${px}" y1="${top - 10}" y2="${height}"/><text class="tick" x="${px}" y="${top - 14}" text-anchor="middle">${y}</text>`,
    )
  }
  dated.forEach((item, k) => {
    const cy = top + k * lane + lane / 2
    const s = x(day(item.start ?? item.end ?? ''))
    const e = x(day(item.end ?? item.start ?? '') + 1)
    const classes = ['mark', item.table === 'funding' ? 'funding' : 'event', item.claimed ? 'claimed' : ''].filter(Boolean).join(' ')
    const when = item.start === item.end ? item.start : `${item.start ?? '…'} to ${item.end ?? '…'}`
    const title = `${item.label}${item.claimed ? ' (claimed)' : ''}: ${when}${item.qualifier ? ` (${item.qualifier})` : ''}`
    const shape =
      item.start && item.end && e - s > 5
        ? `<rect x="${s.toFixed(1)}" y="${cy - 6}" width="${(e - s).toFixed(1)}" height="12" rx="3"/>`
        : `<circle cx="${((s + e) / 2).toFixed(1)}" cy="${cy}" r="5"/>`
    const tail = !item.end
      ? `<line class="open" x1="${s.toFixed(1)}" x2="${Math.min(right, s + 40).toFixed(1)}" y1="${cy}" y2="${cy}"/>`
      : !item.start
        ? `<line class="open" x1="${Math.max(left, e - 40).toFixed(1)}" x2="${e.toFixed(1)}" y1="${cy}" y2="${cy}"/>`
        : ''
    out.push(
      `<g class="${classes}" data-record="${item.table}/${esc(item.id)}" tabindex="0"><title>${esc(title)}</title>${tail}${shape}<text x="${right + 12}" y="${cy + 4}">${esc(item.label)}${item.claimed ? ' (claimed)' : ''}</text></g>`,
    )
  })
  out.push('</svg>')
  return out.join('\n')
}
