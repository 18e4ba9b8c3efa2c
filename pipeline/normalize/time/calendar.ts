/** Calendar arithmetic and the small numerals dates are written with. */

import { CHINESE_DIGITS } from '../cjk-numbers.ts'
import type { Context, Ymd } from './types.ts'

export const pad = (n: number, w = 2) => String(n).padStart(w, '0')
export const iso = (d: Ymd) => `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`
export const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
export const lastOf = (y: number, m: number): Ymd => ({ y, m, d: daysIn(y, m) })

export function addDays(d: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + n))
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}

export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n
  return { y: Math.floor(k / 12), m: (k % 12) + 1 }
}

/** Monday of the week `weeks` away from the one holding `ref` (weeks start on Monday). */
export function mondayOf(ref: Ymd, weeks: number): Ymd {
  return addDays(ref, -((new Date(Date.UTC(ref.y, ref.m - 1, ref.d)).getUTCDay() + 6) % 7) + 7 * weeks)
}

/** 上上周 -2, 上周 -1, 本周 0, 下周 1, 下下周 2: read from the start of the expression. */
export function weekShift(expression: string | undefined): number {
  const prefix = /^(上上|下下|上|下)/.exec(expression ?? '')?.[1]
  return prefix ? ({ 上上: -2, 上: -1, 下: 1, 下下: 2 }[prefix] as number) : 0
}

/** 12, 十二, 二十五, 廿一 -> number (small numbers of months and days). */
export function smallNumber(s: string): number {
  if (/^[0-9]+$/.test(s)) return Number(s)
  if (s[0] === '廿') return 20 + (s[1] ? CHINESE_DIGITS[s[1]] : 0)
  if (s[0] === '卅') return 30 + (s[1] ? CHINESE_DIGITS[s[1]] : 0)
  const ten = s.indexOf('十')
  if (ten < 0) return CHINESE_DIGITS[s] ?? Number.NaN
  const tens = ten === 0 ? 1 : CHINESE_DIGITS[s[0]]
  const ones = s[ten + 1] ? CHINESE_DIGITS[s[ten + 1]] : 0
  return tens * 10 + ones
}

/** 3, 十, 两 -> a count (of years, months, days ago). */
export function countNumber(s: string): number {
  return /^[0-9]+$/.test(s) ? Number(s) : smallNumber(s.replace('两', '二'))
}

/** 2019, 一九九八, 两千零八, 19, 九七 -> a year; two digits take the century of the two-digit year window. */
export function yearNumber(s: string, ctx: Context): number {
  const thousand = s.indexOf('千')
  if (thousand > 0) return CHINESE_DIGITS[s[0]] * 1000 + smallNumber(s.slice(thousand + 1).replace('零', ''))
  const digits = /^[0-9]+$/.test(s) ? s : [...s].map((c) => CHINESE_DIGITS[c]).join('')
  if (digits.length === 4) return Number(digits)
  const yy = Number(digits)
  const anchor = ctx.reference?.y ?? null
  if (anchor === null) return yy <= 40 ? 2000 + yy : 1900 + yy
  const century = Math.floor(anchor / 100) * 100
  return century + yy <= anchor + 10 ? century + yy : century - 100 + yy
}
