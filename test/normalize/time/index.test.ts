import fs from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldText } from '../../../pipeline/normalize/text.ts'
import { iso } from '../../../pipeline/normalize/time/calendar.ts'
import { findCandidates, RECOGNIZERS } from '../../../pipeline/normalize/time/index.ts'
import type { Context, Recognizer } from '../../../pipeline/normalize/time/types.ts'
import { HOLIDAYS, RELATIVE_YEARS } from '../../../pipeline/normalize/time/words.ts'
import { REF } from './read.ts'

const CORPUS = new URL('../../fixtures/corpus/', import.meta.url)
const ARTICLES = fs
  .readdirSync(CORPUS)
  .filter((d) => fs.existsSync(new URL(`${d}/article.txt`, CORPUS)))
  .map((d) => fs.readFileSync(new URL(`${d}/article.txt`, CORPUS), 'utf8'))

const ANCHORED = RECOGNIZERS.filter((r) => r.anchor)
/** the same recognizer scanning every position of the text */
const unanchored = (r: Recognizer): Recognizer => ({ ...r, anchor: undefined })

/** What a recognizer finds: each candidate's extent and what it resolves to, in and out of a dated context. */
function found(recognizer: Recognizer, folded: string) {
  const contexts: Context[] = [
    { year: null, month: null, day: null, last: null, reference: REF },
    { year: 2019, month: 3, day: { y: 2019, m: 3, d: 11 }, last: null, reference: null },
  ]
  return findCandidates(folded, [recognizer]).map((c) => [
    c.start,
    c.end,
    ...contexts.map((ctx) => {
      const r = c.resolve(ctx)
      return r && [r.from && iso(r.from), r.to && iso(r.to), r.precision, r.qualifier, r.edtf]
    }),
  ])
}

/** the characters of the recognizers' patterns, with spaces and dashes */
const ALPHABET = [...new Set([...RECOGNIZERS.map((r) => r.pattern.source).join(''), ' ', '-', '~', '的'])].filter(
  (c) => /[0-9\u3400-\u9fff ~-]/.test(c) && c !== '\\',
)
/** the longest pieces dates are written with, so that soup holds matches that reach far from their start */
const PIECES = [
  '两千零二十三',
  '二〇一九',
  '2019',
  '19',
  '十二',
  '10--12',
  '三十一',
  '廿一',
  '上个世纪',
  '二十一世纪',
  '二十一世纪九十',
  '90',
  '九十',
  '年代',
  '个星期',
  '个月',
  ...Object.keys(RELATIVE_YEARS),
  ...Object.keys(HOLIDAYS),
]
/** soup of date characters and pieces: full of near-dates */
const ANCHORS = [...new Set(ANCHORED.flatMap((r) => [...(r.anchor?.chars ?? '')]))]
const SOUP = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...ALPHABET), weight: 2 },
      { arbitrary: fc.constantFrom(...PIECES), weight: 2 },
      { arbitrary: fc.constantFrom(...ANCHORS), weight: 1 },
    ),
    {
      maxLength: 30,
    },
  )
  .map((cs) => cs.join(''))

describe('anchored recognizers', () => {
  it('are the ones that scan most of a text: the year, month and day patterns among them', () => {
    expect(ANCHORED.map((r) => r.name)).toEqual(expect.arrayContaining(['with-year', 'month-day', 'bare-day', 'relative-year']))
  })
  it.each(ANCHORED.map((r) => [r.name, r] as const))('%s finds in the corpus articles what a scan of every position finds', (_, recognizer) => {
    for (const article of ARTICLES) {
      const folded = foldText(article)
      expect(found(recognizer, folded)).toEqual(found(unanchored(recognizer), folded))
    }
  })
  it.each(ANCHORED.map((r) => [r.name, r] as const))('%s finds in soup of date characters what a scan of every position finds', (_, recognizer) => {
    fc.assert(
      fc.property(SOUP, (text) => {
        const folded = foldText(text)
        expect(found(recognizer, folded)).toEqual(found(unanchored(recognizer), folded))
      }),
      { numRuns: 200 },
    )
  })
  it.each(ANCHORED.map((r) => [r.name, r] as const))(
    '%s finds in every long piece before every anchor what a scan of every position finds',
    (_, recognizer) => {
      const anchors = [...(recognizer.anchor?.chars ?? '')]
      const texts = PIECES.flatMap((piece) =>
        ['', ' ', '--12 '].flatMap((gap) => anchors.flatMap((anchor) => ['', '3月11日', '代'].map((tail) => `的${piece}${gap}${anchor}${tail}`))),
      )
      const all = (r: Recognizer) => texts.map((text) => [text, found(r, foldText(text))])
      expect(all(recognizer)).toEqual(all(unanchored(recognizer)))
    },
  )
  it('each find something in a sentence made of the pieces, so that the comparisons compare something', () => {
    const sample = '两千零二十三年3月11日至12日,去年同期,今年前三季度,两年前的国庆节,九十年代,十号,未来两年'
    for (const recognizer of ANCHORED) expect(found(recognizer, foldText(sample)).length, recognizer.name).toBeGreaterThan(0)
  })
})
