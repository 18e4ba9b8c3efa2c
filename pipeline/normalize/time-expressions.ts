/**
 * Time expressions in folded text (text.ts), each resolved to an inclusive day range, a precision,
 * a qualifier and an EDTF string. Vague periods (年初, 月底 ...) follow date-conventions.json.
 * A date without a year takes it from the nearest earlier dated expression, else from the
 * reference date (the article's publication date); relative ones (去年) need the reference date.
 */

import { CHINESE_DIGITS } from './cjk-numbers.ts'
import conventions from './date-conventions.json' with { type: 'json' }

export type Precision = 'day' | 'part_of_month' | 'month' | 'quarter' | 'half_year' | 'part_of_year' | 'year' | 'decade' | 'century' | 'unknown'
export type DateQualifier = 'early' | 'mid' | 'late' | 'before' | 'after' | 'about'

export interface TimeValue {
  date_start: string | null
  date_end: string | null
  date_precision: Precision
  date_qualifier: DateQualifier | null
  date_edtf: string | null
}

export interface TimeMatch extends TimeValue {
  start: number
  end: number
}

/** A calendar date as numbers; month 1-12. */
interface Ymd {
  y: number
  m: number
  d: number
}

/** What a match says, before years are filled in from context. */
interface Parsed {
  start: number
  end: number
  /** resolves the expression, given the year (and month) in force and the reference date */
  resolve: (ctx: Context) => Resolved | null
}
interface Context {
  year: number | null
  month: number | null
  /** the day of the last expression that named one day, for 当天 and 次日 */
  day: Ymd | null
  reference: Ymd | null
}
interface Resolved {
  from: Ymd | null
  to: Ymd | null
  precision: Precision
  qualifier: DateQualifier | null
  edtf: string | null
  year: number
  month: number | null
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const iso = (d: Ymd) => `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
const lastOf = (y: number, m: number): Ymd => ({ y, m, d: daysIn(y, m) })
function addDays(d: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + n))
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}
/** Monday of the week `weeks` away from the one holding `ref` (weeks start on Monday). */
function mondayOf(ref: Ymd, weeks: number): Ymd {
  return addDays(ref, -((new Date(Date.UTC(ref.y, ref.m - 1, ref.d)).getUTCDay() + 6) % 7) + 7 * weeks)
}
/** 上上周 -2, 上周 -1, 本周 0, 下周 1, 下下周 2: read from the start of the expression. */
function weekShift(expression: string | undefined): number {
  const prefix = /^(上上|下下|上|下)/.exec(expression ?? '')?.[1]
  return prefix ? ({ 上上: -2, 上: -1, 下: 1, 下下: 2 }[prefix] as number) : 0
}

function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n
  return { y: Math.floor(k / 12), m: (k % 12) + 1 }
}

/** 12, 十二, 二十五, 廿一 -> number (small numbers of months and days). */
function smallNumber(s: string): number {
  if (/^[0-9]+$/.test(s)) return Number(s)
  if (s[0] === '廿') return 20 + (s[1] ? CHINESE_DIGITS[s[1]] : 0)
  if (s[0] === '卅') return 30 + (s[1] ? CHINESE_DIGITS[s[1]] : 0)
  const ten = s.indexOf('十')
  if (ten < 0) return CHINESE_DIGITS[s] ?? Number.NaN
  const tens = ten === 0 ? 1 : CHINESE_DIGITS[s[0]]
  const ones = s[ten + 1] ? CHINESE_DIGITS[s[ten + 1]] : 0
  return tens * 10 + ones
}

function yearNumber(s: string, ctx: Context): number {
  const digits = /^[0-9]+$/.test(s) ? s : [...s].map((c) => CHINESE_DIGITS[c]).join('')
  if (digits.length === 4) return Number(digits)
  const yy = Number(digits)
  const anchor = ctx.reference?.y ?? null
  if (anchor === null) return yy <= 40 ? 2000 + yy : 1900 + yy
  const century = Math.floor(anchor / 100) * 100
  return century + yy <= anchor + 10 ? century + yy : century - 100 + yy
}

// Patterns, matched against folded text. Alternatives are ordered longest first.
const Y = '(?<![0-9零一二三四五六七八九十百千万两几])(?<y>[12][0-9]{3}|[0-9]{2}|[零一二三四五六七八九]{4}|[零一二三四五六七八九]{2})年'
const M = '1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十]'
const D = '3[01]|[12][0-9]|0?[1-9]|三十一|三十|二十[一二三四五六七八九]|二十|十[一二三四五六七八九]|廿[一二三四五六七八九]?|[一二三四五六七八九十]'
const YEAR_PART =
  '(?<yp>年初|年中(?!国)|年底|年末|初(?![步中次衷心级])|中(?![国方央共文心部东西南北])|底|末(?!期)|伊始|上半年|下半年|前半年|后半年|第?[一二三四1-4]季度|首季度|q[1-4])'
const MONTH_PART = '(?<mp>上旬|中旬|下旬|初(?![步中次衷心级])|中(?![国方央共文心部东西南北])|底|末)'
const CLOCK_CORE = '(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[0-9一二三四五六七八九十]{1,3}[点时](?:[0-9]{1,2}分(?:[0-9]{1,2}秒)?|半|[一二三]刻)?)'
const DAY_PART = '(?:上午|下午|晚上|早上|早晨|中午|凌晨|傍晚|夜里|晚|早)'
const CLOCK = `(?:\\s*${DAY_PART}?\\s*${CLOCK_CORE})?`
const TAIL = '(?<q>之前|以前|前后|左右|之后|以后|以来|起|前(?![往进景夕身任者述面列提台期沿线途所瞻景])|后(?![来者续面期台半]))?'
const MD = `(?<m>${M})(?:(?:--|[-~至到])(?<mEnd>${M}))?月份?(?:(?<d>${D})(?:(?:--|[-~至到])(?<dEnd>${D}))?[日号]${CLOCK}|${MONTH_PART})?`

const WITH_YEAR = new RegExp(`${Y}(?:${MD}|${YEAR_PART})?${TAIL}`, 'g')
const MONTH_DAY = new RegExp(`(?<![0-9零一二三四五六七八九十个])${MD}${TAIL}`, 'g')
const NUMERIC =
  /(?<![0-9.])(?<y>[12][0-9]{3})(?<s>[-/.])(?<m>1[0-2]|0?[1-9])\k<s>(?<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])(?:[t ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?|(?<![0-9.])(?<y2>[12][0-9]{3})[-/](?<m2>1[0-2]|0[1-9])(?![0-9/-])/g
const RELATIVE_YEAR = new RegExp(
  `(?<ry>大前年|大后年|前年|去年|今年|明年|后年|本年|当年|同年|该年|次年|翌年|上一年|下一年|来年)(?:${MD}|${YEAR_PART})?${TAIL}`,
  'g',
)
const RELATIVE_MONTH = new RegExp(`(?<rm>上个月|下个月|这个月|上月|下月|本月|当月|同月|该月|次月)(?:(?<d>${D})[日号]${CLOCK}|${MONTH_PART})?${TAIL}`, 'g')
const RELATIVE_DAY = new RegExp(
  `(?<rd>大前天|大后天|前天|后天|今天|昨天|明天|今日|昨日|明日|当天|当日|次日|翌日|昨晚|今晚|明晚|今早|明早|今晨|昨夜|今夜|当晚)${CLOCK}`,
  'g',
)
/** 周三, 下周六, 上个星期天: a weekday of this, last or next week (weeks start on Monday) */
const WEEKDAY = /(?<wp>上上|下下|上|下|本|这)?个?(?:周|星期|礼拜)(?<wd>[一二三四五六日天])/g
/** 这个周末, 上周末: Saturday and Sunday of a week */
const WEEKEND = /(?<ep>上上|下下|上|下|本|这)?个?(?:周末|星期六和星期日|礼拜六和礼拜天)/g
const HOLIDAYS = (conventions as unknown as { fixed_holidays: Record<string, number[] | string> }).fixed_holidays
const HOLIDAY_NAMES = Object.keys(HOLIDAYS)
  .filter((k) => k !== 'description')
  .sort((a, b) => b.length - a.length)
/** 元旦, 去年国庆节, 2019年双十一: a fixed-day holiday, with a year written before it or taken from context */
const HOLIDAY = new RegExp(`(?:(?<hy>[12][0-9]{3})年|(?<hr>去年|今年|明年|前年|后年))?(?<h>${HOLIDAY_NAMES.join('|')})`, 'g')
/** 12日, 十五号: a day of the month in context (3月11日和12日) */
const BARE_DAY =
  /(?<![0-9零一二三四五六七八九十月个第])(?:(?<bd>3[01]|[12][0-9]|0?[1-9])[日号]|(?<bdz>三十一|三十|二十[一二三四五六七八九]|二十|十[一二三四五六七八九]|[一二三四五六七八九十])号)(?![内后前以来之])/g
/** 下午3点, 15:37: a time of day, on the reference date */
const CLOCK_ONLY = new RegExp(`${DAY_PART}${CLOCK_CORE}|(?<![0-9:.])(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?![0-9:])`, 'g')
const RELATIVE_WEEK = /(?<rw>上上周|下下周|上周|下周|本周|这周|上星期|下星期|本星期|上个星期|下个星期|这个星期)/g
const AGO =
  /(?<![0-9零一二三四五六七八九十百])(?<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})(?<u>年|个月|个星期|周|天)(?<dir>之前|之后|以前|以后|前|后)(?![往进来者])/g
/** 6·30: month and day around a middle dot, in the year in context */
const DOT_DATE = /(?<![0-9.·])(?<m>1[0-2]|[1-9])·(?<d>3[01]|[12][0-9]|[1-9])(?![0-9·])/g
/** 1999.08-2002.02, 2008.03-2009: spans of year.month, as CVs and reports write them */
const DOTTED_SPAN = /(?<![0-9.])(?<y1>[12][0-9]{3})\.(?<m1>0[1-9]|1[0-2])-(?<y2>[12][0-9]{3})(?:\.(?<m2>0[1-9]|1[0-2]))?(?![0-9.])/g
/** 今年前三季度, 2021年前两个季度, 2022年前十一个月, 二零二一年后三月, 2005年首月: the first or last N quarters or months of a year */
const YEAR_SPAN =
  /(?:(?<sy>[12][0-9]{3}|[零一二三四五六七八九]{4})年|(?<sr>去年|今年|明年))(?:(?<sd>前|后|头)(?<sn>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})个?(?<su>季度|月)|(?<sf>首月|首个月))/g
/** 上个季度, 本季度, 下季度: a calendar quarter next to the reference date's */
const RELATIVE_QUARTER = /(?<rq>上个季度|上季度|本季度|这个季度|下个季度|下季度)/g
const BARE_PART = new RegExp(`(?<![0-9年月零一二三四五六七八九十])(?<bp>年初|年中(?!国)|年底|年末|上半年|下半年|第?[一二三四]季度|q[1-4](?![0-9]))${TAIL}`, 'g')
const DECADE =
  /(?<c>上个?世纪|本世纪|[0-9]{1,2}世纪|[一二三四五六七八九十]{1,3}世纪)?(?<dec>[0-9]0|[一二三四五六七八九]十)年代(?<dp>初期|中期|末期|前期|后期|初|中|末)?|(?<c2>[0-9]{1,2}|[一二三四五六七八九十]{1,3})世纪(?<cp>初|中|末)?(?!.?年代)/g

function monthSpan(y: number, m: number, mEnd?: number): Resolved {
  return {
    from: { y, m, d: 1 },
    to: lastOf(y, mEnd ?? m),
    precision: 'month',
    qualifier: null,
    edtf: mEnd && mEnd !== m ? `${pad(y, 4)}-${pad(m)}/${pad(y, 4)}-${pad(mEnd)}` : `${pad(y, 4)}-${pad(m)}`,
    year: y,
    month: mEnd ?? m,
  }
}
function yearSpan(y: number): Resolved {
  return { from: { y, m: 1, d: 1 }, to: { y, m: 12, d: 31 }, precision: 'year', qualifier: null, edtf: pad(y, 4), year: y, month: null }
}
function daySpan(y: number, m: number, d: number, dEnd?: number): Resolved | null {
  if (d > daysIn(y, m) || (dEnd && dEnd > daysIn(y, m))) return null
  const from = { y, m, d }
  const to = { y, m, d: dEnd ?? d }
  return { from, to, precision: 'day', qualifier: null, edtf: dEnd && dEnd !== d ? `${iso(from)}/${iso(to)}` : iso(from), year: y, month: m }
}

function yearPart(y: number, word: string): Resolved | null {
  const key = normalizeYearPart(word)
  const p = (conventions.parts_of_year as Record<string, { months: number[]; precision: string; qualifier: string | null; edtf?: number }>)[key]
  if (!p) return null
  const [m1, m2] = p.months
  const edtf = p.edtf ? `${pad(y, 4)}-${p.edtf}` : m1 === m2 ? `${pad(y, 4)}-${pad(m1)}` : `${pad(y, 4)}-${pad(m1)}/${pad(y, 4)}-${pad(m2)}`
  return {
    from: { y, m: m1, d: 1 },
    to: lastOf(y, m2),
    precision: p.precision as Precision,
    qualifier: p.qualifier as DateQualifier | null,
    edtf,
    year: y,
    month: null,
  }
}

/** 初, 年底, 一季度, Q3, 首季度 ... -> the key of the conventions table (年初, 年底, 第一季度, 第三季度 ...). */
function normalizeYearPart(word: string): string {
  const w = word.replace(/^年/, '')
  const parts: Record<string, string> = { 初: '年初', 中: '年中', 底: '年底', 末: '年末' }
  if (w in parts) return parts[w]
  const q = /^第?([一二三四1-4])季度$|^q([1-4])$|^(首)季度$/.exec(w)
  if (q) {
    const n = q[3] ? 1 : /[1-4]/.test(q[1] ?? '') ? Number(q[1]) : q[2] ? Number(q[2]) : '一二三四'.indexOf(q[1]) + 1
    return `第${'一二三四'[n - 1]}季度`
  }
  return w
}

function monthPart(y: number, m: number, word: string): Resolved | null {
  const key = word.length === 1 ? `月${word}` : word
  const p = (conventions.parts_of_month as Record<string, { days: (number | string)[]; qualifier: string }>)[key]
  if (!p) return null
  const d1 = p.days[0] as number
  const d2 = p.days[1] === 'last' ? daysIn(y, m) : (p.days[1] as number)
  const from = { y, m, d: d1 }
  const to = { y, m, d: d2 }
  return { from, to, precision: 'part_of_month', qualifier: p.qualifier as DateQualifier, edtf: `${iso(from)}/${iso(to)}`, year: y, month: m }
}

/** Year, month-day and part groups shared by the absolute and relative-year patterns. */
function resolveWithinYear(y: number, g: Record<string, string | undefined>): Resolved | null {
  if (g.m) {
    const m = smallNumber(g.m)
    const mEnd = g.mEnd ? smallNumber(g.mEnd) : undefined
    if (!(m >= 1 && m <= 12) || (mEnd !== undefined && !(mEnd >= m && mEnd <= 12))) return null
    if (g.d) {
      const d = smallNumber(g.d)
      const dEnd = g.dEnd ? smallNumber(g.dEnd) : undefined
      if (mEnd !== undefined || d < 1 || (dEnd !== undefined && dEnd < d)) return null
      return daySpan(y, m, d, dEnd)
    }
    if (g.mp) return mEnd === undefined ? monthPart(y, m, g.mp) : null
    return monthSpan(y, m, mEnd)
  }
  if (g.yp) return yearPart(y, g.yp)
  return yearSpan(y)
}

/** Applies 之前 / 以后 / 左右 ... to a resolved span. */
function applyTail(r: Resolved | null, tail: string | undefined): Resolved | null {
  if (!r || !tail) return r
  if (tail === '前后' || tail === '左右') {
    const edtf = r.edtf
      ? r.edtf
          .split('/')
          .map((p) => `${p}~`)
          .join('/')
      : null
    return { ...r, qualifier: 'about', edtf }
  }
  // X前 reads as "by X" (2025年前, 年底前: a deadline), X以后 and X起 as "from X on", as news uses them
  if (/前/.test(tail)) {
    if (!r.to) return r
    return { ...r, from: null, qualifier: 'before', edtf: `../${iso(r.to)}` }
  }
  if (!r.from) return r
  return { ...r, to: null, qualifier: 'after', edtf: `${iso(r.from)}/..` }
}

function collect(re: RegExp, folded: string, make: (g: Record<string, string | undefined>, m: RegExpExecArray) => Parsed['resolve'] | null, out: Parsed[]) {
  re.lastIndex = 0
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    if (m[0].length === 0) {
      re.lastIndex++
      continue
    }
    const resolve = make(m.groups ?? {}, m)
    if (resolve) out.push({ start: m.index, end: m.index + m[0].length, resolve })
  }
}

function parseAll(folded: string): Parsed[] {
  const out: Parsed[] = []
  const absolute = (g: Record<string, string | undefined>, m: RegExpExecArray): Parsed['resolve'] | null => {
    if (g.y && g.y.length === 2 && !g.m && !g.yp && isDuration(folded, m.index, m.index + m[0].length)) return null
    return (ctx) => {
      const year = g.y ? yearNumber(g.y, ctx) : (ctx.year ?? ctx.reference?.y ?? null)
      if (year === null) return unresolved(g)
      return applyTail(resolveWithinYear(year, g), g.q)
    }
  }
  collect(WITH_YEAR, folded, absolute, out)
  collect(MONTH_DAY, folded, absolute, out)
  collect(
    NUMERIC,
    folded,
    (g) => () => {
      if (g.y2) return monthSpan(Number(g.y2), Number(g.m2))
      return daySpan(Number(g.y), Number(g.m), Number(g.d))
    },
    out,
  )
  collect(
    RELATIVE_YEAR,
    folded,
    (g) => (ctx) => {
      const offsets: Record<string, number> = { 大前年: -3, 前年: -2, 去年: -1, 上一年: -1, 今年: 0, 本年: 0, 明年: 1, 来年: 1, 下一年: 1, 后年: 2, 大后年: 3 }
      const contextual: Record<string, number> = { 当年: 0, 同年: 0, 该年: 0, 次年: 1, 翌年: 1 }
      const ry = g.ry as string
      let year: number | null = null
      if (ry in offsets) year = ctx.reference ? ctx.reference.y + offsets[ry] : null
      else if (ctx.year !== null) year = ctx.year + contextual[ry]
      else if (ctx.reference) year = ctx.reference.y + contextual[ry] // no year in context: the reference year stands in
      if (year === null) return unresolved(g)
      return applyTail(resolveWithinYear(year, g), g.q)
    },
    out,
  )
  collect(
    RELATIVE_MONTH,
    folded,
    (g) => (ctx) => {
      const offsets: Record<string, number> = { 上个月: -1, 上月: -1, 下个月: 1, 下月: 1, 这个月: 0, 本月: 0 }
      const rm = g.rm as string
      let base: { y: number; m: number } | null = null
      if (rm in offsets && ctx.reference) base = addMonths(ctx.reference.y, ctx.reference.m, offsets[rm])
      else if (!(rm in offsets) && ctx.year !== null && ctx.month !== null) base = addMonths(ctx.year, ctx.month, rm === '次月' ? 1 : 0)
      else if (!(rm in offsets) && ctx.year === null && ctx.reference) base = addMonths(ctx.reference.y, ctx.reference.m, rm === '次月' ? 1 : 0)
      if (!base) return unresolved(g)
      const r = g.d ? daySpan(base.y, base.m, smallNumber(g.d)) : g.mp ? monthPart(base.y, base.m, g.mp) : monthSpan(base.y, base.m)
      return applyTail(r, g.q)
    },
    out,
  )
  collect(
    RELATIVE_DAY,
    folded,
    (g) => (ctx) => {
      const offsets: Record<string, number> = {
        大前天: -3,
        前天: -2,
        昨天: -1,
        昨日: -1,
        今天: 0,
        今日: 0,
        当天: 0,
        当日: 0,
        明天: 1,
        明日: 1,
        次日: 1,
        翌日: 1,
        后天: 2,
        大后天: 3,
        昨晚: -1,
        昨夜: -1,
        今晚: 0,
        今早: 0,
        今晨: 0,
        今夜: 0,
        当晚: 0,
        明晚: 1,
        明早: 1,
      }
      // 当天, 次日: the day in context when there is one; the others count from the reference date
      const contextual = /^(当|次|翌)/.test(g.rd as string) && ctx.day
      const base = contextual ? ctx.day : ctx.reference
      if (!base) return unresolved(g)
      const d = addDays(base, offsets[g.rd as string])
      return daySpan(d.y, d.m, d.d)
    },
    out,
  )
  collect(
    RELATIVE_WEEK,
    folded,
    (g) => (ctx) => {
      if (!ctx.reference) return unresolved(g)
      const from = mondayOf(ctx.reference, weekShift(g.rw))
      const to = addDays(from, 6)
      return { from, to, precision: 'part_of_month', qualifier: null, edtf: `${iso(from)}/${iso(to)}`, year: from.y, month: from.m }
    },
    out,
  )
  collect(
    AGO,
    folded,
    (g) => (ctx) => {
      if (!ctx.reference) return unresolved(g)
      const n = /^[0-9]+$/.test(g.n as string) ? Number(g.n) : smallNumber((g.n as string).replace('两', '二'))
      if (!Number.isFinite(n)) return null
      const sign = /前/.test(g.dir as string) ? -1 : 1
      const ref = ctx.reference
      if (g.u === '年') return yearSpan(ref.y + sign * n)
      if (g.u === '个月') {
        const t = addMonths(ref.y, ref.m, sign * n)
        return monthSpan(t.y, t.m)
      }
      const d = addDays(ref, sign * n * (g.u === '天' ? 1 : 7))
      return daySpan(d.y, d.m, d.d)
    },
    out,
  )
  collect(
    BARE_PART,
    folded,
    (g) => (ctx) => {
      const year = ctx.year ?? ctx.reference?.y ?? null
      if (year === null) return unresolved({ yp: g.bp })
      return applyTail(yearPart(year, g.bp as string), g.q)
    },
    out,
  )
  collect(DECADE, folded, (g) => (ctx) => resolveDecade(g, ctx), out)
  collect(
    WEEKDAY,
    folded,
    (g) => (ctx) => {
      if (!ctx.reference) return unresolved(g)
      const d = addDays(mondayOf(ctx.reference, weekShift(g.wp)), '一二三四五六日'.indexOf(g.wd === '天' ? '日' : (g.wd as string)))
      return daySpan(d.y, d.m, d.d)
    },
    out,
  )
  collect(
    BARE_DAY,
    folded,
    (g) => (ctx) => {
      const day = g.bd ? Number(g.bd) : smallNumber(g.bdz as string)
      const base =
        ctx.year !== null && ctx.month !== null
          ? { y: ctx.year, m: ctx.month }
          : ctx.year === null && ctx.reference
            ? { y: ctx.reference.y, m: ctx.reference.m }
            : null
      if (!base) return { ...unresolved({}), precision: 'day', edtf: `XXXX-XX-${pad(day)}` }
      return daySpan(base.y, base.m, day)
    },
    out,
  )
  collect(
    DOT_DATE,
    folded,
    (g) => (ctx) => {
      const year = ctx.year ?? ctx.reference?.y ?? null
      if (year === null) return unresolved(g)
      return daySpan(year, Number(g.m), Number(g.d))
    },
    out,
  )
  collect(
    DOTTED_SPAN,
    folded,
    (g) => () => {
      const [y1, m1, y2] = [Number(g.y1), Number(g.m1), Number(g.y2)]
      const m2 = g.m2 ? Number(g.m2) : 12
      if (y2 * 12 + m2 < y1 * 12 + m1) return null
      const from = { y: y1, m: m1, d: 1 }
      const to = lastOf(y2, m2)
      return {
        from,
        to,
        precision: 'month',
        qualifier: null,
        edtf: `${pad(y1, 4)}-${pad(m1)}/${g.m2 ? `${pad(y2, 4)}-${pad(m2)}` : pad(y2, 4)}`,
        year: y2,
        month: m2,
      }
    },
    out,
  )
  collect(
    YEAR_SPAN,
    folded,
    (g) => (ctx) => {
      const offsets: Record<string, number> = { 去年: -1, 今年: 0, 明年: 1 }
      const y = g.sy ? yearNumber(g.sy, ctx) : ctx.reference ? ctx.reference.y + offsets[g.sr as string] : null
      if (y === null) return unresolved({})
      if (g.sf) return monthSpan(y, 1)
      const n = /^[0-9]+$/.test(g.sn as string) ? Number(g.sn) : smallNumber((g.sn as string).replace('两', '二'))
      const months = g.su === '季度' ? n * 3 : n
      if (!(months >= 1 && months <= 12)) return null
      const [m1, m2] = g.sd === '后' ? [13 - months, 12] : [1, months]
      return { ...monthSpan(y, m1, m2), precision: g.su === '季度' ? 'quarter' : 'month' }
    },
    out,
  )
  collect(
    RELATIVE_QUARTER,
    folded,
    (g) => (ctx) => {
      if (!ctx.reference) return unresolved(g)
      const shift = /上/.test(g.rq as string) ? -1 : /下/.test(g.rq as string) ? 1 : 0
      const q = Math.floor((ctx.reference.m - 1) / 3) + shift
      const { y, m } = addMonths(ctx.reference.y, 1, q * 3)
      const quarter = (m - 1) / 3 + 1
      return { ...monthSpan(y, m, m + 2), precision: 'quarter', edtf: `${pad(y, 4)}-${32 + quarter}` }
    },
    out,
  )
  collect(
    WEEKEND,
    folded,
    (g) => (ctx) => {
      if (!ctx.reference) return unresolved(g)
      const saturday = addDays(mondayOf(ctx.reference, weekShift(g.ep)), 5)
      const sunday = addDays(saturday, 1)
      return {
        from: saturday,
        to: sunday,
        precision: 'part_of_month',
        qualifier: null,
        edtf: `${iso(saturday)}/${iso(sunday)}`,
        year: saturday.y,
        month: saturday.m,
      }
    },
    out,
  )
  collect(
    HOLIDAY,
    folded,
    (g) => (ctx) => {
      const offsets: Record<string, number> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1, 后年: 2 }
      const year = g.hy ? Number(g.hy) : g.hr ? (ctx.reference ? ctx.reference.y + offsets[g.hr] : null) : (ctx.year ?? ctx.reference?.y ?? null)
      const [m, d] = HOLIDAYS[g.h as string] as number[]
      if (year === null) return { ...unresolved({}), precision: 'day', edtf: `XXXX-${pad(m)}-${pad(d)}` }
      return daySpan(year, m, d)
    },
    out,
  )
  collect(CLOCK_ONLY, folded, () => (ctx) => (ctx.reference ? daySpan(ctx.reference.y, ctx.reference.m, ctx.reference.d) : unresolved({})), out)
  return out
}

/** 19年 could be the year 2019 or nineteen years: 19年来, 19年间, 工作了19年 are durations. */
function isDuration(folded: string, start: number, end: number): boolean {
  return (
    /^(?:来|间|内|多|半|之|时间|的时间|里|中|左右|以上|以下)/.test(folded.slice(end, end + 3)) ||
    /(?:了|近|过去|长达|历时|用了|花了|这|那|每|几)$/.test(folded.slice(Math.max(0, start - 2), start))
  )
}

function resolveDecade(g: Record<string, string | undefined>, ctx: Context): Resolved | null {
  const centuryNumber = (c: string | undefined): number | null => {
    if (!c) return null
    if (/^上个?世纪/.test(c)) return Math.floor(((ctx.reference?.y ?? 2000) - 1) / 100) // 上世纪 in 2023 -> 20th
    if (c === '本世纪') return Math.floor(((ctx.reference?.y ?? 2000) - 1) / 100) + 1
    const digits = c.replace('世纪', '')
    return /^[0-9]+$/.test(digits) ? Number(digits) : smallNumber(digits)
  }
  if (g.dec) {
    const tens = /^[0-9]/.test(g.dec) ? Number(g.dec) : smallNumber(g.dec)
    const century = centuryNumber(g.c)
    const base = century !== null ? (century - 1) * 100 + tens : tens >= 50 || tens === 0 ? 1900 + tens : 2000 + tens
    const part = g.dp ? (conventions.parts_of_decade as Record<string, { years: number[]; qualifier: string }>)[g.dp] : null
    const y1 = base + (part ? part.years[0] : 0)
    const y2 = base + (part ? part.years[1] : 9)
    return {
      from: { y: y1, m: 1, d: 1 },
      to: { y: y2, m: 12, d: 31 },
      precision: part ? 'year' : 'decade',
      qualifier: (part?.qualifier ?? null) as DateQualifier | null,
      edtf: part ? `${y1}/${y2}` : `${String(base).slice(0, 3)}X`,
      year: y2,
      month: null,
    }
  }
  const century = centuryNumber(`${g.c2}世纪`)
  if (century === null || !Number.isFinite(century) || century < 1 || century > 30) return null
  const base = (century - 1) * 100
  const part = g.cp ? (conventions.parts_of_century as Record<string, { years: number[]; qualifier: string }>)[g.cp] : null
  const y1 = base + (part ? part.years[0] : 0)
  const y2 = base + (part ? part.years[1] : 99)
  return {
    from: { y: y1, m: 1, d: 1 },
    to: { y: y2, m: 12, d: 31 },
    precision: part ? 'decade' : 'century',
    qualifier: (part?.qualifier ?? null) as DateQualifier | null,
    edtf: part ? `${pad(y1, 4)}/${pad(y2, 4)}` : `${String(base).padStart(4, '0').slice(0, 2)}XX`,
    year: y2,
    month: null,
  }
}

/** The year is unknown: dates stay null, but precision and an EDTF with X for the year are kept. */
function unresolved(g: Record<string, string | undefined>): Resolved {
  let precision: Precision = 'unknown'
  let edtf: string | null = null
  if (g.m && !g.mEnd) {
    const m = smallNumber(g.m)
    if (g.d && !g.dEnd) {
      precision = 'day'
      edtf = `XXXX-${pad(m)}-${pad(smallNumber(g.d))}`
    } else if (!g.d && !g.mp) {
      precision = 'month'
      edtf = `XXXX-${pad(m)}`
    }
  }
  return { from: null, to: null, precision, qualifier: null, edtf, year: Number.NaN, month: null }
}

const RANGE_JOIN = /^\s*(?:--|[-~至到])\s*$/

/**
 * Finds and resolves time expressions. Overlapping candidates: the longest wins, then the first.
 * Two dates joined by 至/到/- become one span (2017年8月11日至8月22日).
 */
export function findTimes(folded: string, reference: Ymd | null): TimeMatch[] {
  const candidates = parseAll(folded).sort((a, b) => a.start - b.start || b.end - a.end)
  const chosen: Parsed[] = []
  const byLength = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const taken = new Uint8Array(folded.length)
  for (const c of byLength) {
    let free = true
    for (let i = c.start; i < c.end; i++)
      if (taken[i]) {
        free = false
        break
      }
    if (!free) continue
    for (let i = c.start; i < c.end; i++) taken[i] = 1
    chosen.push(c)
  }
  chosen.sort((a, b) => a.start - b.start)

  const ctx: Context = { year: null, month: null, day: null, reference }
  const out: TimeMatch[] = []
  let previous: { match: TimeMatch; resolved: Resolved } | null = null
  for (const c of chosen) {
    const r = c.resolve(ctx)
    if (r === null) continue
    if (Number.isFinite(r.year)) {
      ctx.year = r.year
      ctx.month = r.month
      ctx.day = r.from && r.to && iso(r.from) === iso(r.to) ? r.from : null
    }
    const match: TimeMatch = { start: c.start, end: trimEnd(folded, c.start, c.end), ...toValue(r) }
    const gap = previous ? folded.slice(previous.match.end, c.start) : ''
    if (previous?.resolved.from && r.to && RANGE_JOIN.test(gap) && previous.resolved.qualifier === null && r.qualifier === null) {
      const from: Ymd = previous.resolved.from
      const to: Ymd = r.to
      if (iso(from) <= iso(to)) {
        const merged: TimeMatch = {
          start: previous.match.start,
          end: match.end,
          date_start: iso(from),
          date_end: iso(to),
          date_precision: previous.resolved.precision === r.precision ? r.precision : 'unknown',
          date_qualifier: null,
          date_edtf: `${edtfStart(previous.resolved)}/${edtfEnd(r)}`,
        }
        out[out.length - 1] = merged
        previous = { match: merged, resolved: { ...r, from } }
        continue
      }
    }
    out.push(match)
    previous = { match, resolved: r }
  }
  return out
}

function edtfStart(r: Resolved): string {
  return r.edtf?.split('/')[0] ?? (r.from ? iso(r.from) : '..')
}
function edtfEnd(r: Resolved): string {
  const parts = r.edtf?.split('/') ?? [r.to ? iso(r.to) : '..']
  return parts[parts.length - 1]
}

function trimEnd(folded: string, start: number, end: number): number {
  let e = end
  while (e > start && /\s/.test(folded[e - 1])) e--
  return e
}

function toValue(r: Resolved): TimeValue {
  return {
    date_start: r.from ? iso(r.from) : null,
    date_end: r.to ? iso(r.to) : null,
    date_precision: r.precision,
    date_qualifier: r.qualifier,
    date_edtf: r.edtf ? r.edtf.replace(/~~/g, '~') : null,
  }
}
