/**
 * What 03-assemble needs to turn one source's annotations into records: finding quoted evidence,
 * the mentions inside it, dates, entity checks, overrides with their reasons and evidence rows.
 * Every problem is collected with its JSON pointer, so the curator sees them all at once.
 */

import type { Mention } from '../normalize/mentions.ts'
import { sha256 } from '../store/files.ts'
import type { AnnotationsOverride as Override, AnnotationsQuote as Quote } from '../store/schema-types.ts'
import type { Ingested, Row } from '../store/stage-outputs.ts'
import type { Problem } from '../store/validate.ts'
import type { Entity } from './entity-list.ts'
import { mentionIndex } from './mention-index.ts'
import { closestPassage, type Found, findAll } from './quotes.ts'

type Money = Extract<Mention, { kind: 'money' }>
type Time = Extract<Mention, { kind: 'time' }>

/** Per article, code points to UTF-16 offsets (the identity when no character is astral): a slice by code points without an array of them. */
const UNITS = new WeakMap<Ingested, (codePoint: number) => number>()

function unitIndexer(text: string): (codePoint: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (cp) => cp
  const units: number[] = []
  for (let i = 0; i < text.length; i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1) units.push(i)
  units.push(text.length)
  return (cp) => units[cp]
}

const PLACEHOLDER = /\bTODO\b|\bunknown-entity\b/

const NO_DATE = { date_text: null, date_start: null, date_end: null, date_precision: 'unknown', date_qualifier: null, date_edtf: null }

const isHanText = (s: string) => /[\u3400-\u9fff]/.test(s)

function editDistance(a: string, b: string): number {
  const x = Array.from(a)
  const y = Array.from(b)
  let row = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const next = [i]
    for (let j = 1; j <= y.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1))
    row = next
  }
  return row[y.length]
}

/**
 * The names close enough to `word` to be a typo of it, closest first (at most three): the same script, and an
 * edit distance of at most 2 or a third of the length, yet less than the shorter name's length, so that
 * short unrelated names (dall-e for open-ai-inc) are never offered.
 */
export function closeNames(word: string, names: string[]): string[] {
  const allowed = Math.max(2, Math.floor(Array.from(word).length / 3))
  return names
    .filter((n) => n !== word && isHanText(n) === isHanText(word))
    .map((n) => ({ n, d: editDistance(word.toLowerCase(), n.toLowerCase()) }))
    .filter(({ n, d }) => d <= allowed && d < Math.min(Array.from(n).length, Array.from(word).length))
    .sort((a, b) => a.d - b.d || (a.n < b.n ? -1 : 1))
    .slice(0, 3)
    .map(({ n }) => n)
}

/** Collects problems so the curator sees them all at once. */
export class Problems {
  list: Problem[] = []
  constructor(private lineOf: (pointer: string) => number | null) {}
  add(pointer: string, message: string): void {
    this.list.push({ pointer, line: this.lineOf(pointer), message })
  }
}

export class SourceRecords {
  private readonly ids = new Map<string, string>()
  private readonly unitOf: (codePoint: number) => number

  constructor(
    private readonly doc: Ingested,
    private readonly mentions: Mention[],
    private readonly entities: Map<string, Entity>,
    readonly problems: Problems,
  ) {
    // the machine tier makes one SourceRecords per drafted record: index the text's code points once per article
    const cached = UNITS.get(doc)
    this.unitOf = cached ?? unitIndexer(doc.text)
    if (!cached) UNITS.set(doc, this.unitOf)
  }

  /** Where a quote is in the article: it must occur once, or say which occurrence it means. */
  locate(q: Quote, pointer: string): Found | null {
    const hits = findAll(this.doc.text, q.quote)
    if (hits.length === 0) {
      const near = closestPassage(this.doc.text, this.doc.sentences, q.quote)
      this.problems.add(pointer, `quote not found in the article: "${q.quote}"\n  closest passage (line ${near.line}): "${near.passage}"`)
      return null
    }
    if (q.occurrence !== undefined) {
      if (q.occurrence > hits.length) this.problems.add(pointer, `occurrence ${q.occurrence} asked for, but the quote occurs ${hits.length} time(s)`)
      return hits[q.occurrence - 1] ?? null
    }
    if (hits.length > 1) {
      const at = hits.map((h) => h.start).join(', ')
      this.problems.add(pointer, `ambiguous quote: "${q.quote}" occurs ${hits.length} times (at code points ${at}); add occurrence: N`)
      return null
    }
    return hits[0]
  }

  /** Each evidence quote's span, in order (null where a quote was not found). */
  spans(quotes: Quote[], pointer: string): (Found | null)[] {
    return quotes.map((q, k) => this.locate(q, `${pointer}/evidence/${k}/quote`))
  }

  /** The record's own quote for one value (amount_quote, value_quote), else its evidence. */
  where(quote: Quote | undefined, pointer: string, evidence: (Found | null)[]): (Found | null)[] {
    return quote ? [this.locate(quote, pointer)] : evidence
  }

  inside<K extends Mention['kind']>(spans: (Found | null)[], kind: K): Extract<Mention, { kind: K }>[] {
    const index = mentionIndex(this.mentions)
    return spans.flatMap((s) => (s ? index.within(s.start, s.end).map((i) => this.mentions[i]) : []).filter((m) => m.kind === kind)) as Extract<
      Mention,
      { kind: K }
    >[]
  }

  /** An entity id that must be in the curated list; returns it (or null) for the row. */
  entity(id: string | null | undefined, pointer: string): string | null {
    if (id && !this.entities.has(id)) {
      const close = closeNames(id, [...this.entities.keys()])
      this.problems.add(
        pointer,
        `unknown entity "${id}" (expected an entity_id of raw/entities.json${close.length ? `; did you mean ${close.join(', ')}?` : ''})`,
      )
    }
    return id ?? null
  }

  nameOf(id: string): string {
    return this.entities.get(id)?.name_en ?? id
  }

  /** Text a draft leaves for a person to replace (TODO, unknown-entity) must not reach the dataset. */
  placeholders(note: unknown, pointer: string): void {
    if (typeof note === 'string') {
      const found = PLACEHOLDER.exec(note)
      if (found) this.problems.add(pointer, `found the placeholder "${found[0]}" (expected the curator's own text or entity id in its place)`)
      // arrays too: their entries are keyed by index, as JSON pointers are
    } else if (note && typeof note === 'object') for (const [k, v] of Object.entries(note)) this.placeholders(v, `${pointer}/${k}`)
  }

  /** A completed record cannot start after the article that reports it was published. */
  notAfterPublication(row: Row, pointer: string): void {
    const published = this.doc.source.published_on
    if (row.status === 'completed' && published && typeof row.date_start === 'string' && row.date_start > published)
      this.problems.add(
        pointer,
        `a completed record dated ${row.date_start}, after the article's publication on ${published} (expected a date on or before it, or status announced or planned)`,
      )
  }

  /** Record ids are unique within a source. */
  claim(id: string, pointer: string): void {
    const prior = this.ids.get(id)
    if (prior) this.problems.add(pointer, `duplicate id "${id}" (already used at ${prior})`)
    this.ids.set(id, pointer)
  }

  /** The one amount in the quoted text (a quote that was not found has been reported already: no knock-on error). */
  money(spans: (Found | null)[], pointer: string): Money | undefined {
    const money = this.inside(spans, 'money')
    if (money.length === 0 && spans.includes(null)) return undefined
    if (money.length === 0)
      this.problems.add(pointer, 'money record whose evidence holds no amount (expected a money expression such as 10亿美元 inside the quote)')
    if (money.length > 1)
      this.problems.add(pointer, `the evidence holds ${money.length} amounts (${money.map((m) => m.text).join(', ')}); add amount_quote to say which`)
    const [m] = money
    if (m?.amount_refused)
      this.problems.add(pointer, `the amount "${m.text}" is not one well-formed amount (${m.amount_refused}); expected a figure the text states once`)
    if (m?.amount_role === 'loss') this.problems.add(pointer, `"${m.text}" is a loss, not money that changed hands (expected a funding amount)`)
    return m
  }

  /** The date columns, from the first time expression inside date_quote or the evidence. */
  date(note: { date_quote?: Quote; undated?: boolean }, evidence: (Found | null)[], pointer: string): Row {
    if (note.undated) return { ...NO_DATE }
    const times = this.inside(this.where(note.date_quote, `${pointer}/date_quote`, evidence), 'time') as Time[]
    if (times.length === 0) {
      const at = note.date_quote ? `${pointer}/date_quote` : `${pointer}/evidence`
      this.problems.add(at, 'no time expression found in the quoted text (expected one; add date_quote, or undated: true when the article gives no date)')
      return { ...NO_DATE }
    }
    const t = times[0]
    return {
      date_text: t.text,
      date_start: t.date_start,
      date_end: t.date_end,
      date_precision: t.date_precision,
      date_qualifier: t.date_qualifier,
      date_edtf: t.date_edtf,
    }
  }

  /** Applies the curator's overrides to a row and publishes their reasons in notes. */
  override(row: Row, overrides: Override[] | undefined, pointer: string): Row {
    const reasons: string[] = []
    overrides?.forEach((o, i) => {
      if (!(o.field in row)) this.problems.add(`${pointer}/overrides/${i}/field`, `"${o.field}" is not a field of this record`)
      row[o.field] = o.value
      reasons.push(`${o.field} set to ${o.value === null ? 'null' : `"${o.value}"`} by hand: ${o.reason}`)
      if (o.field === 'date_qualifier' && typeof row.date_edtf === 'string' && (o.value === 'after' || o.value === 'before')) {
        const base = row.date_edtf.split('/')[o.value === 'after' ? 0 : 1] ?? row.date_edtf
        row.date_edtf = o.value === 'after' ? `${base}/..` : `../${base}`
        row.date_end = o.value === 'after' ? null : row.date_end
        row.date_start = o.value === 'before' ? null : row.date_start
      }
    })
    // a bound set by hand (不到半年 after a date) makes the EDTF an interval between the two bounds
    if (overrides?.some((o) => o.field === 'date_start' || o.field === 'date_end')) {
      const [start, end] = [row.date_start as string | null, row.date_end as string | null]
      row.date_edtf = start !== null && start === end ? start : `${start ?? '..'}/${end ?? '..'}`
    }
    row.notes = reasons.length ? reasons.join(' ') : null
    this.checkRanges(row, overrides, pointer)
    return row
  }

  /**
   * A record's bounds must be in order (date_start <= date_end, low <= value <= high), as the
   * normalizers always make them: an override may not produce a range the machine never could.
   * The problem points at the override that broke the order, else at the record.
   */
  private checkRanges(row: Row, overrides: Override[] | undefined, pointer: string): void {
    const at = (fields: string[]) => {
      const i = overrides ? overrides.map((o) => fields.includes(o.field)).lastIndexOf(true) : -1
      return i >= 0 ? `${pointer}/overrides/${i}/value` : pointer
    }
    const present = (v: unknown) => v !== null && v !== undefined
    const [start, end] = [row.date_start, row.date_end]
    if (present(start) && present(end) && String(start) > String(end))
      this.problems.add(
        at(['date_start', 'date_end']),
        `date_start ${start} is after date_end ${end} (expected date_start <= date_end; an override may not invert a date range)`,
      )
    for (const [low, value, high] of [
      ['amount_low', 'amount', 'amount_high'],
      ['value_low', 'value', 'value_high'],
    ]) {
      const ordered = [low, value, high].filter((f) => present(row[f])).map((f) => [f, Number(row[f])] as const)
      for (let k = 1; k < ordered.length; k++)
        if (ordered[k - 1][1] > ordered[k][1])
          this.problems.add(
            at([low, value, high]),
            `${ordered[k - 1][0]} ${ordered[k - 1][1]} is greater than ${ordered[k][0]} ${ordered[k][1]} (expected ${low} <= ${value} <= ${high})`,
          )
    }
  }

  /** One evidence row per found span, with an ID that depends only on what it points at. */
  evidence(table: string, recordId: string, spans: (Found | null)[]): Row[] {
    const sourceId = this.doc.source.source_id
    return spans
      .filter((s): s is Found => s !== null)
      .map((s) => ({
        evidence_id: sha256(`${table}\u0000${recordId}\u0000${sourceId}\u0000${s.start}\u0000${s.end}`).slice(0, 16),
        record_table: table,
        record_id: recordId,
        source_id: sourceId,
        char_start: s.start,
        char_end: s.end,
        quote: this.doc.text.slice(this.unitOf(s.start), this.unitOf(s.end)),
      }))
  }
}
