/** Vague periods without a written year (年底, 上半年, 一季度) and decades and centuries (90年代, 上世纪80年代, 18世纪初). */

import conventions from '../date-conventions.json' with { type: 'json' }
import { pad, smallNumber } from './calendar.ts'
import { QUARTER_PART, TAIL } from './patterns.ts'
import { applyTail, unresolved, yearPart } from './periods.ts'
import type { Context, DateQualifier, Groups, Recognizer, Resolved } from './types.ts'

interface YearsRow {
  years: number[]
  qualifier: string
}
const PARTS_OF_DECADE = conventions.parts_of_decade as Record<string, YearsRow>
const PARTS_OF_CENTURY = conventions.parts_of_century as Record<string, YearsRow>

/** 年底, 开年, 上半年, 一季度, 三季度末, Q3: a part of the year in context */
export const barePart: Recognizer = {
  name: 'bare-part',
  pattern: new RegExp(
    `(?<![0-9年月第零一二三四五六七八九十])(?:(?<bp>年初|年中(?!国)|年底|年末|开年(?=以来|后|至今|之初|伊始|就|便|即|$|[\\s,.;:!?。；：！？、)])|上半年|下半年|q[1-4](?![0-9]))|(?<bq>第?[一二三四]季度)(?<qp>${QUARTER_PART})?)${TAIL}`,
    'g',
  ),
  read: (g) => (ctx) => {
    const year = ctx.year ?? ctx.reference?.y ?? null
    if (year === null) return unresolved({ yp: g.bp ?? g.bq })
    return applyTail(yearPart(year, (g.bp ?? g.bq) as string, g.qp), g.q)
  },
}

/** 90年代, 上世纪80年代, 二十世纪九十年代末期, 18世纪, 11世纪初 */
export const decade: Recognizer = {
  name: 'decade',
  pattern:
    /(?<c>上个?世纪|本世纪|[0-9]{1,2}世纪|[一二三四五六七八九十]{1,3}世纪)?(?<dec>[0-9]0|[一二三四五六七八九]十)年代(?<dp>初期|中期|末期|前期|后期|初|中|末)?|(?<c2>[0-9]{1,2}|[一二三四五六七八九十]{1,3})世纪(?<cp>初|中|末)?(?!.?年代)/g,
  // 世纪 after at most three characters (二十一世纪), or 年代 after two (90年代) when no century is written
  anchor: { chars: '年世', reach: 3, starts: '上本0123456789一二三四五六七八九十' },
  read: (g) => (ctx) => resolveDecade(g, ctx),
}

function resolveDecade(g: Groups, ctx: Context): Resolved | null {
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
    const part = g.dp ? PARTS_OF_DECADE[g.dp] : null
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
  const part = g.cp ? PARTS_OF_CENTURY[g.cp] : null
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
