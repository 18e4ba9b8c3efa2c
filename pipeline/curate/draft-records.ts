/**
 * Draft records for an article no curator has annotated: the annotations a curator would start from
 * (make candidates writes them for review) and the machine tier's records (03-assemble builds them
 * unreviewed). Sentences holding a trigger word (triggers.json) become draft records.
 */
import type { Mention } from '../normalize/mentions.ts'
import type { Sentence } from '../normalize/text.ts'
import type { Annotations } from '../store/schema-types.ts'
import { findAll } from './quotes.ts'
import triggers from './triggers.json' with { type: 'json' }

type Draft = Record<string, unknown>
const byLength = (a: { word: string }, b: { word: string }) => b.word.length - a.word.length
const EVENT_TRIGGERS = [...triggers.events].sort(byLength)
const FUNDING_TRIGGERS = [...triggers.funding].sort(byLength)

export interface DraftInput {
  sourceId: string
  text: string
  sentences: Sentence[]
  mentions: Mention[]
  publishedOn: string | null
}

/** Draft annotations for one article (pure: text, mentions and sentences in, a document out), from trigger words. */
export function draftRecords({ sourceId, text, sentences, mentions }: DraftInput): Annotations {
  const chars = Array.from(text)
  const events: Draft[] = []
  const funding: Draft[] = []
  const used = new Set<string>()
  const slug = (s: string) => s.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  sentences.forEach((s, i) => {
    const quote = chars.slice(s.start, s.end).join('').trim()
    if (quote.length < 4 || findAll(text, quote).length !== 1) return
    const inside = mentions.filter((m) => m.start >= s.start && m.end <= s.end)
    const entities = inside.filter((m) => m.kind === 'entity').map((m) => (m as Extract<Mention, { kind: 'entity' }>).entity_id)
    const money = inside.filter((m) => m.kind === 'money')
    const time = inside.find((m) => m.kind === 'time')
    const fundingTrigger = money.length ? FUNDING_TRIGGERS.find((t) => quote.includes(t.word)) : undefined
    const eventTrigger = EVENT_TRIGGERS.find((t) => quote.includes(t.word))
    const subject = entities[0] ?? 'unknown-entity'
    const base = { evidence: [{ quote }], ...(time ? {} : { undated: true }) }
    if (fundingTrigger) {
      const id = slug(`draft-${i + 1}-${fundingTrigger.type}-${subject}`)
      if (used.has(id)) return
      used.add(id)
      // "A从B获得" names the recipient first; "A投资B" names it last
      const receives = /从|获得/.test(quote)
      const recipient = (receives ? entities[0] : entities[entities.length - 1]) ?? subject
      const funders = [...new Set(entities.filter((e) => e !== recipient))]
      funding.push({
        id,
        type: fundingTrigger.type,
        status: 'announced',
        recipient,
        funders: funders.map((entity) => ({ entity })),
        funders_complete: false,
        ...base,
        ...(money.length > 1 ? { amount_quote: { quote: money[0].text } } : {}),
      })
    } else if (eventTrigger) {
      const id = slug(`draft-${i + 1}-${eventTrigger.type}-${subject}`)
      if (used.has(id)) return
      used.add(id)
      events.push({
        id,
        type: eventTrigger.type,
        subject,
        participants: [...new Set(entities.slice(1))].filter((e) => e !== subject).map((entity) => ({ entity, role: 'mentioned' })),
        summary_en: `TODO: summarize in English (trigger ${eventTrigger.word})`,
        summary_zh: quote,
        ...base,
        status: 'reported',
      })
    }
  })
  return { source_id: sourceId, review: { status: 'draft' }, events, funding, metrics: [] } as unknown as Annotations
}
