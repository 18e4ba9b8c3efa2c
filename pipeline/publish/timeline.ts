/**
 * The timeline, made at build time as an ordered list the browser lays out: on a wide screen one
 * row per record (date, full label that wraps, and a track where a day is a dot, a vague period
 * ("early 2018") a bar over every day it can mean, an open date a dotted tail); on a phone the
 * same list runs down a vertical line with the years between. Funding is green, claims are dashed
 * and say so. Positions are fractions of the years shown, so the track needs no pixel width.
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
  machine: boolean
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const dayOfYear = (iso: string) => (Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(+iso.slice(0, 4), 0, 1)) / 86_400_000

/** The record's days as written on the page: one day, a span, or an open end. */
export function whenText(start: string | null, end: string | null, qualifier: string | null): string {
  const q = qualifier && !['before', 'after'].includes(qualifier) ? ` (${qualifier})` : ''
  if (start && end) return `${compactSpan(start, end)}${q}`
  if (start) return `from ${start} on${q}`
  if (end) return `by ${end}${q}`
  return 'undated'
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** A span as short as it is exact: 2015 for a whole year, 2022-11 for a whole month, else both days. */
function compactSpan(start: string, end: string): string {
  if (start === end) return start
  const [ys, ms, ds] = start.split('-').map(Number)
  const [ye, me, de] = end.split('-').map(Number)
  if (ds === 1 && de === lastDay(ye, me)) {
    if (ms === 1 && me === 12) return ys === ye ? `${ys}` : `${ys}–${ye}`
    if (ys === ye && ms === me) return start.slice(0, 7)
    return `${start.slice(0, 7)} – ${end.slice(0, 7)}`
  }
  return `${start} – ${end}`
}

export function timelineHtml(items: TimelineItem[]): string {
  const dated = items
    .filter((i) => i.start || i.end)
    .sort((a, b) => (a.start ?? a.end ?? '').localeCompare(b.start ?? b.end ?? '') || (a.end ?? '').localeCompare(b.end ?? '') || a.id.localeCompare(b.id))
  if (dated.length === 0) return '<p>No dated records.</p>'
  const years = dated.flatMap((i) => [i.start, i.end].filter((d): d is string => d !== null).map((d) => +d.slice(0, 4)))
  const first = Math.min(...years)
  const span = Math.max(...years) + 1 - first
  // percent of the track: whole years are equal widths, days are fractions of their year
  const at = (iso: string, endOfDay = false) => {
    const y = +iso.slice(0, 4)
    return ((y - first + (dayOfYear(iso) + (endOfDay ? 1 : 0)) / (isLeap(y) ? 366 : 365)) / span) * 100
  }
  const ticks = Array.from({ length: span }, (_, k) => `<span style="left:${((k / span) * 100).toFixed(3)}%">${first + k}</span>`).join('')
  const out = [
    `<ol class="tl" style="--years:${span}" aria-label="Dated events and funding, earliest first">`,
    `<li class="tl-axis" aria-hidden="true"><span class="tl-when"></span><span class="tl-label"></span><span class="tl-track">${ticks}</span></li>`,
  ]
  let year = ''
  for (const item of dated) {
    const y = (item.start ?? item.end ?? '').slice(0, 4)
    if (y !== year) out.push(`<li class="tl-year" aria-hidden="true">${y}</li>`)
    year = y
    const s = at(item.start ?? item.end ?? '')
    const e = at(item.end ?? item.start ?? '', true)
    const bar = item.start !== null && item.end !== null && e - s > 0.6
    const open = item.end === null ? ' open-end' : item.start === null ? ' open-start' : ''
    const geometry = bar ? `left:${s.toFixed(3)}%;width:${(e - s).toFixed(3)}%` : `left:${((s + e) / 2).toFixed(3)}%`
    const classes = ['mark', item.table === 'funding' ? 'funding' : 'event', item.claimed ? 'claimed' : '', item.machine ? 'machine' : '', bar ? 'bar' : 'dot']
      .filter(Boolean)
      .join(' ')
    const tags = `${item.claimed ? ' <small class="claimed">claimed</small>' : ''}${item.machine ? ' <small class="tier">machine</small>' : ''}`
    out.push(
      `<li class="${classes}${open}" data-record="${item.table}/${esc(item.id)}"><span class="tl-when">${esc(whenText(item.start, item.end, item.qualifier))}</span><span class="tl-label"><a href="#${item.table}-${esc(item.id)}">${esc(item.label)}</a>${tags}</span><span class="tl-track"><span class="tl-shape" style="${geometry}"></span></span></li>`,
    )
  }
  out.push('</ol>')
  return out.join('\n')
}
