/**
 * Drafts funding, metric and event records from the syntax of Chinese news (issue 12 §2), for
 * make candidates. Pure: text, sentences and mentions in; an annotations document
 * (schemas/annotations.schema.json), the cues it could not use and notes for the reviewer out.
 *
 * Who gives and who gets comes from the construction (Y向X投资, X获得Y的投资, 由Y领投, …), never
 * from word order; the constructions and cue words are data in draft-cues.json. Entity references
 * are the entity_ids of entity mentions only. Amounts and dates are not written here: the quotes
 * hold them and 03-assemble reads them from the mentions, as for a curator's file. Valuations,
 * revenue, losses and per-share prices are never funding; an acquisition is an event whose deal
 * value stays in its evidence, so summing funding amounts never counts a purchase price.
 */
import schema from '../../schemas/annotations.schema.json' with { type: 'json' }
import type { Mention } from '../normalize/mentions.ts'
import { foldText, type Sentence } from '../normalize/text.ts'
import type { Annotations, AnnotationsEvent, AnnotationsFunding, AnnotationsMetric, AnnotationsQuote } from '../store/schema-types.ts'
import cues from './draft-cues.json' with { type: 'json' }
import { mentionIndex } from './mention-index.ts'
import { findAll } from './quotes.ts'

export interface DraftInput {
  sourceId: string
  /** The ingested article text (first line: the headline). */
  text: string
  /** splitSentences(text): code point offsets. */
  sentences: Sentence[]
  /** extractMentions(text, …): the drafter reads entity, money and time mentions. */
  mentions: Mention[]
  /** YYYY-MM-DD or null: only the year is used, in record ids, when the evidence gives no date. */
  publishedOn: string | null
  /** Entity names for the summaries; without it the entity id (English) and the article's form (Chinese). */
  names?: (entityId: string) => { en: string; zh: string | null } | undefined
}

export interface Skipped {
  kind: 'funding' | 'event' | 'metric'
  /** 1-based line of the article. */
  line: number
  quote: string
  reason: string
}

export interface Draft {
  document: Annotations
  /** Cues that gave no record, with why (no subject, no recipient, no amount). */
  skipped: Skipped[]
  /** Per record id, what the reviewer must settle (written as YAML comments by make candidates). */
  notes: Record<string, string>
}

type EntityMention = Extract<Mention, { kind: 'entity' }>
type MoneyMention = Extract<Mention, { kind: 'money' }>
type Status = AnnotationsFunding['status']
type Round = NonNullable<AnnotationsFunding['round']>
interface Span {
  start: number
  end: number
}
interface Token extends Span {
  entity?: EntityMention
  money?: MoneyMention
}
/** One sentence as a template: each entity is one character of U+E000…, each amount one of U+E800…. */
interface Template extends Span {
  line: number
  headline: boolean
  t: string
  tokens: Token[]
  clauses: Span[]
}

const ENT = '\\uE000-\\uE7FF'
const MONEY_FIRST = 0xe800
const NEUTRAL = '\uF8FF'
const BREAKS = ',;；:'
const ENDS = '。!?！？'
/** characters of a date or time word at the start of a clause: 2024年9月, 今年初, 同月, 上半年 */
const TIME_CHARS = '0-9一二三四五六七八九十零年月日号份初中底旬季度上下半今去明前同当本'
const ROUND_LABELS = new Set<string>(schema.$defs.funding.properties.round.enum)
const fold = (w: string) => foldText(w)
const escapeRe = (s: string) => s.replace(/[.*+^${}()|[\]\\]/g, '\\$&')
const alternation = (list: string[]) =>
  [...list.map(fold)]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')
const WORDS = cues.words as Record<string, string[]>
/** Traditional character -> simplified, one for one (draft-cues.json traditional). */
const SIMPLIFIED = new Map(Array.from({ length: cues.traditional.length / 2 }, (_, i) => [cues.traditional[2 * i], cues.traditional[2 * i + 1]]))
// A、B及老股东C: an existing-shareholder word after a joiner stays inside the list
const LIST = `[${ENT}](?:(?:${alternation(WORDS.joiner)})(?:${alternation(WORDS.existing)})?[${ENT}])*`

/** A pattern of draft-cues.json as a regular expression over a template. */
function compile(full: string): RegExp {
  // ^ and $ at the ends anchor the pattern to its clause
  const [head, tail] = [full.startsWith('^') ? '^' : '', full.endsWith('$') ? '$' : '']
  const pattern = full.slice(head.length, full.length - tail.length)
  let out = head
  let last = 0
  for (const m of pattern.matchAll(/\{(\w+)(?::(\w+))?\}/g)) {
    out += escapeRe(fold(pattern.slice(last, m.index)))
    const [, name, arg] = m
    if (name === 'F' || name === 'P') out += `(?<${name}>${LIST})(?<${name}etc>${alternation(WORDS.etc)})?`
    else if (name === 'R' || name === 'S' || name === 'O') out += `(?<${name}>[${ENT}])`
    else if (name === 'gap') out += `[^${ENT}${BREAKS}${ENDS}]{0,${arg ?? 12}}?`
    else if (name === 'any') out += `[^${BREAKS}${ENDS}]{0,${arg ?? 12}}?`
    else if (name === 'time') out += `[${TIME_CHARS}]{0,${arg ?? 10}}`
    else if (name === 'w' || name === 'not') {
      if (!WORDS[arg]) throw new Error(`draft-cues.json: pattern "${pattern}" uses {${name}:${arg}}, expected one of the lists under words`)
      out += name === 'w' ? `(?:${alternation(WORDS[arg])})` : `(?<!${alternation(WORDS[arg])})`
    } else throw new Error(`draft-cues.json: pattern "${pattern}" has {${name}}, expected F, P, R, S, O, gap, any, time, w or not`)
    last = m.index + m[0].length
  }
  return new RegExp(out + escapeRe(fold(pattern.slice(last))) + tail, 'd')
}

const FUNDING = cues.funding.constructions.map((c) => ({
  ...c,
  re: compile(c.pattern),
  funderFrom: 'funder_from' in c && c.funder_from ? compile(c.funder_from) : undefined,
  recipient_from: 'recipient_from' in c ? c.recipient_from : undefined,
  respectively: 'respectively' in c && c.respectively === true,
}))
const ROLES = cues.funding.roles.map((r) => ({ ...r, re: new RegExp(compile(r.pattern).source, 'dg') }))
/** The same patterns without flags, to test a clause: a global pattern's test() moves its lastIndex. */
const ROLE_TESTS = ROLES.map((r) => new RegExp(r.re.source))
const CLAIM_SOURCES = cues.claim_sources.map((c) => ({ re: compile(c.pattern), alone: 'alone' in c && c.alone }))
const EVENTS = cues.events.map((e) => ({ ...e, re: compile(e.pattern), except: (e.except ?? []).map(fold) }))
const OWNER = new RegExp(`([${ENT}])(?:${alternation(WORDS.owner)})`, 'g')
const ACQUIRE = new RegExp(alternation(WORDS.acquire))
/** 并购贷款: a loan for a purchase is a flow, not an acquisition */
const ACQUIRE_NOT = new RegExp(alternation(WORDS.acquire_not), 'g')
const AMOUNT_CUE = new RegExp(alternation([...WORDS.flow, ...WORDS.invest, ...WORDS.raise_noun, '金额', '资金', '规模']))
const NOT_FLOW_BEFORE = new RegExp(
  `(${alternation(cues.money_not_a_flow.valuation)})|(${alternation(cues.money_not_a_flow.revenue)})|(${alternation(cues.money_not_a_flow.other)})`,
)
const VALUATION_AFTER = new RegExp(`^(?:${alternation(cues.money_not_a_flow.after)})`)
const MAGNITUDE_AFTER = new RegExp(`^(?:${alternation(cues.money_not_a_flow.magnitude)})`)
const VAGUE_BEFORE = new Set(cues.money_not_a_flow.vague_before.map(fold))
const ROUND = new RegExp(
  `(?<![a-z])(?:(${Object.keys(cues.rounds.named).map(fold).map(escapeRe).join('|')})([+＋])?|(pre-?)?([a-h])([+＋]+|[1-9])?)(?:${alternation(cues.rounds.suffix)})`,
)
const STRATEGIC = new RegExp(alternation(cues.rounds.strategic))
const ROUND_COUNT = new RegExp(`[${cues.rounds.counted.join('')}]轮`)
const IPO_RAISE = new RegExp(alternation(cues.rounds.ipo_raise))
const IPO_WORDS = new RegExp(alternation(cues.rounds.ipo_context))
const statusCue = (list: string[]) => new RegExp(alternation(list))
const STATUS = {
  claimed: statusCue(cues.status.claimed),
  claimedAtStart: new RegExp(`^(?:${alternation(cues.status.claimed_at_start)})(?=[${ENT}])`),
  cancelled: statusCue(cues.status.cancelled),
  planned: statusCue(cues.status.planned),
  completed: statusCue(cues.status.completed),
  announced: statusCue(cues.status.announced),
  announcedOverCompleted: statusCue(cues.status.announced_over_completed),
  future: statusCue(cues.status.future),
}
const RECENTLY = new RegExp(alternation(cues.recently))
const STATUS_EXCEPT = new RegExp(alternation(cues.status.except), 'g')
const EVENT_CUES = new RegExp(alternation(cues.event_cues), 'g')
const OWN_VERB = new RegExp(alternation(cues.event_cues))
/** 发布会, 上市公司: a cue word inside a noun is no verb (the events' own exceptions) */
const OWN_VERB_NOT = new RegExp(alternation([...new Set(cues.events.flatMap((e) => e.except ?? []))]), 'g')
const STATUS_RANK: Record<Status, number> = { announced: 1, planned: 2, completed: 3, cancelled: 0, claimed: 4 }

interface Funder {
  lead?: boolean
}
interface Flow {
  recipient: string
  funders: Map<string, Funder>
  etc: boolean
  leadOnly: boolean
  sole: boolean
  fromConstruction: boolean
  type: AnnotationsFunding['type']
  round?: Round
  money?: MoneyMention
  /** A magnitude the normalizer read as a point (2亿元级) the flow's amount would have been: the record is then not drafted. */
  magnitude?: string
  /** Text whose cue words give the status, and the claim source when one is named. */
  statusText: string
  claimed: boolean
  claimBy: string | null
  spans: Span[]
  /** Parts of its sentences whose times date another verb (2019年创立，2024年9月完成…融资): never the flow's date. */
  otherTimes: Span[]
  headline: boolean
}
interface DraftEvent {
  type: AnnotationsEvent['type']
  subject: string
  participants: { entity: string; role: NonNullable<AnnotationsEvent['participants']>[number]['role'] }[]
  spans: Span[]
  claimed: boolean
  claimBy: string | null
  headline: boolean
}
interface DraftMetric {
  subject: string
  measure: AnnotationsMetric['measure']
  money: MoneyMention
  spans: Span[]
  claimed: boolean
  claimBy: string | null
}

export function draftRecords(input: DraftInput): Draft {
  const { text, mentions } = input
  const chars = Array.from(text)
  const folded = Array.from(foldText(text))
  const skipped: Skipped[] = []
  const notes: Record<string, string> = {}
  const firstLineEnd = chars.indexOf('\n')
  // line starts once, then a binary search: a line number per sentence and per mention stays linear in the text
  const breaks = chars.flatMap((c, i) => (c === '\n' ? [i] : []))
  const lineOf = (cp: number) => {
    let [lo, hi] = [0, breaks.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (breaks[mid] < cp) lo = mid + 1
      else hi = mid
    }
    return lo + 1
  }
  const forms = new Map<string, string>()
  for (const m of mentions) if (m.kind === 'entity' && !forms.has(m.entity_id)) forms.set(m.entity_id, m.text)
  const nameEn = (id: string) => input.names?.(id)?.en ?? id
  const nameZh = (id: string) => input.names?.(id)?.zh ?? forms.get(id) ?? id
  const quoteOf = (s: Span) => quote(text, chars, s)
  const skip = (kind: Skipped['kind'], s: Span, reason: string) =>
    skipped.push({ kind, line: lineOf(s.start), quote: chars.slice(s.start, s.end).join('').trim(), reason })

  // 公司, 该公司, 其, 后者 read as the company they refer back to: for the constructions only, never as a name of the entity
  const references = referenceMentions(input.sentences, folded, mentions)
  const drafting = references.length ? [...mentions, ...references].sort((a, b) => a.start - b.start) : mentions
  const referenceAt = new Set(references.map((r) => r.start))
  // one sentence's template at a time: a template holds a token per character, too much to keep for a whole long article
  const templates = (function* () {
    for (const s of input.sentences) yield template(s, folded, drafting, lineOf(s.start), firstLineEnd > 0 && s.end <= firstLineEnd, chars)
  })()
  const flows: Flow[] = []
  const events: DraftEvent[] = []
  const metrics: DraftMetric[] = []
  const paragraph: Context = { line: 0 }
  for (const tp of templates) {
    if (tp.line !== paragraph.line) [paragraph.flow, paragraph.group, paragraph.line] = [undefined, undefined, tp.line]
    const claim = neutralizeClaimSource(tp)
    OWNER.lastIndex = 0
    tp.t = tp.t.replace(OWNER, (m) => NEUTRAL + m.slice(1))
    const here = readFlows(tp, claim, paragraph, skip)
    flows.push(...here)
    metrics.push(...readMetrics(tp, here, paragraph.flow, claim, skip))
    events.push(...readEvents(tp, claim, here.length > 0, skip, referenceAt))
  }

  const formsOf = new Map<string, string[]>()
  // each form once: nameProper compares every form of one name with every form of the other
  for (const m of mentions) {
    if (m.kind !== 'entity') continue
    const list = formsOf.get(m.entity_id) ?? []
    if (!list.includes(fold(m.text))) list.push(fold(m.text))
    formsOf.set(m.entity_id, list)
  }
  const merged = mergeFlows(flows, formsOf)
  const ids = new Set<string>()
  // the last suffix given to each base: ids are never freed, so the next free one is after it (no count from 2 again)
  const lastSuffix = new Map<string, number>()
  const unique = (base: string) => {
    let n = lastSuffix.get(base) ?? 1
    let id = suffixed(base, n)
    while (ids.has(id)) id = suffixed(base, ++n)
    lastSuffix.set(base, n)
    ids.add(id)
    return id
  }
  const index = mentionIndex(mentions)
  /** Positions (ascending) of the mentions of one kind inside any of the spans, each once. */
  const insideAny = (spans: Span[], kind: Mention['kind']) =>
    [...new Set(spans.flatMap((s) => index.within(s.start, s.end)))].filter((k) => mentions[k].kind === kind).sort((a, b) => a - b)
  /**
   * The date fields: nothing when the evidence's first time is the record's, date_quote when a later one is (the first
   * dates another verb: `other`), else the nearest earlier time of the paragraph not in `other`, else undated.
   */
  const dating = (spans: Span[], other: Span[] = []): { date_quote?: AnnotationsQuote; undated?: true; year: string | null } => {
    const isOwn = (m: Mention) => !other.some((o) => o.start <= m.start && m.end <= o.end)
    const times = insideAny(spans, 'time').map((k) => mentions[k])
    const own = times.find(isOwn)
    const q = own && own !== times[0] ? quoteOf(own) : null
    if (own?.kind === 'time' && (own === times[0] || q)) return { ...(q ? { date_quote: q } : {}), year: own.date_start?.slice(0, 4) ?? null }
    const line = lineOf(spans[0].start)
    const lineStart = line > 1 ? breaks[line - 2] + 1 : 0
    const earlier = index
      .startingIn(lineStart, spans[0].start + 1)
      .map((k) => mentions[k])
      .filter((m) => m.kind === 'time' && m.end <= spans[0].start && lineOf(m.start) === line && isOwn(m))
      .at(-1)
    const eq = earlier && quoteOf(earlier)
    if (earlier?.kind === 'time' && eq) return { date_quote: eq, year: earlier.date_start?.slice(0, 4) ?? null }
    return { undated: true, year: input.publishedOn?.slice(0, 4) ?? null }
  }
  const evidence = (spans: Span[]) => spans.map(quoteOf).filter((q): q is AnnotationsQuote => q !== null)
  const addNote = (id: string, note: string) => {
    notes[id] = notes[id] ? `${notes[id]}; ${note}` : note
  }
  const claimNote = (id: string, r: { claimed: boolean; claimBy: string | null }) => {
    if (r.claimed && !r.claimBy)
      addNote(id, 'claimed by sources the text does not name (据悉, 消息人士 …): attributed_to is null; name who claims it, or change the status')
  }
  // 近日 (recently) names no day: the machine row stays undated (no mention states a date), and the reviewer is told the convention
  const recentNote = (id: string, spans: Span[], date: { undated?: true }) => {
    const word =
      date.undated &&
      spans
        .map((s) => folded.slice(s.start, s.end).join(''))
        .join('')
        .match(RECENTLY)?.[0]
    if (word)
      addNote(
        id,
        `${word} gives no day: undated; by the corpus convention it happened by the publication date (an override date_end = published_on, date_qualifier before, with that reason)`,
      )
  }
  const claim = (r: { claimed: boolean; claimBy: string | null }) => (r.claimed ? { attributed_to: r.claimBy } : {})

  const fundingOut: AnnotationsFunding[] = []
  const eventsOut: AnnotationsEvent[] = []
  for (const f of merged) {
    const status = statusOf(f)
    const { year, ...date } = dating(f.spans, f.otherTimes)
    const funders = [...f.funders]
    const lead = funders.filter(([, x]) => x.lead).map(([e]) => e)
    const others = funders.filter(([, x]) => !x.lead).map(([e]) => e)
    const roundSlug = f.round?.replace(/\+/g, '-plus')
    const who = roundSlug ? `${f.recipient}-${roundSlug}-round` : funders.length ? `${funders[0][0]}-${f.recipient}` : `${f.recipient}-${f.type}`
    const eventId = unique(`${roundSlug ? `${f.recipient}-raises-${roundSlug}-round` : `${f.recipient}-receives-${f.type}`}${year ? `-${year}` : ''}`)
    const summary = fundingSummary(f, status, lead, others, nameEn, nameZh)
    const rec = { claimed: status === 'claimed', claimBy: f.claimBy }
    eventsOut.push({
      id: eventId,
      type: 'funding',
      subject: f.recipient,
      ...(funders.length ? { participants: funders.map(([entity]) => ({ entity, role: 'investor' as const })) } : {}),
      summary_en: withClaim(summary.en, claimedEn(rec, nameEn)),
      summary_zh: withClaim(summary.zh, claimedZh(rec, nameZh)),
      evidence: evidence(f.spans),
      ...date,
      status: status === 'claimed' ? 'claimed' : 'reported',
      ...claim(rec),
    })
    claimNote(eventId, rec)
    if (!f.money && f.magnitude) {
      const why = `its amount (${f.magnitude}) is vague (an order of magnitude, or 数/几 before it), not a figure the normalizer reads`
      skip('funding', f.spans[0], `a funding of ${f.recipient} ${why}: drafted as event ${eventId} only`)
      continue
    }
    const id = unique(`${who}${year ? `-${year}` : ''}`)
    const moneyCount = insideAny(f.spans, 'money').length
    const amountQuote = moneyCount > 1 && f.money ? quoteOf(f.money) : null
    fundingOut.push({
      id,
      event: eventId,
      type: f.type,
      ...(f.round ? { round: f.round } : {}),
      status,
      ...claim(rec),
      recipient: f.recipient,
      funders: funders.map(([entity, x]) => ({ entity, ...(x.lead !== undefined ? { lead: x.lead } : {}) })),
      funders_complete: funders.length > 0 && !f.etc && (!f.leadOnly || f.sole || others.length > 0),
      evidence: evidence(f.spans),
      ...(amountQuote ? { amount_quote: amountQuote } : {}),
      // a round the text names without its size (金额未披露) is still a flow, with no amount
      ...(f.money ? {} : { no_amount: true }),
      ...date,
    })
    if (!f.money) addNote(id, 'the text states no amount: no_amount is true; add the amount to the evidence if the article gives one elsewhere')
    recentNote(id, f.spans, date)
    claimNote(id, rec)
  }

  for (const e of mergeEvents(events)) {
    const { year: _, ...date } = dating(e.spans)
    const target = e.participants[0]?.entity
    const id = unique(`${e.subject}-${EVENT_ID[e.type] ?? e.type}${target ? `-${target}` : ''}`)
    const s = eventSummary(e, nameEn, nameZh)
    eventsOut.push({
      id,
      type: e.type,
      subject: e.subject,
      ...(e.participants.length ? { participants: e.participants } : {}),
      summary_en: withClaim(s.en, claimedEn(e, nameEn)),
      summary_zh: withClaim(s.zh, claimedZh(e, nameZh)),
      evidence: evidence(e.spans),
      ...date,
      status: e.claimed ? 'claimed' : 'reported',
      ...claim(e),
    })
    claimNote(id, e)
  }

  const metricsOut: AnnotationsMetric[] = []
  for (const m of mergeMetrics(metrics)) {
    const { year, ...date } = dating(m.spans)
    const id = unique(`${m.subject}-${m.measure}${year ? `-${year}` : ''}`)
    const moneyCount = insideAny(m.spans, 'money').length
    const valueQuote = moneyCount > 1 ? quoteOf(m.money) : null
    metricsOut.push({
      id,
      subject: m.subject,
      measure: m.measure,
      evidence: evidence(m.spans),
      ...(valueQuote ? { value_quote: valueQuote } : {}),
      ...date,
      status: m.claimed ? 'claimed' : 'reported',
      ...claim(m),
    })
    claimNote(id, m)
  }

  return {
    document: { source_id: input.sourceId, review: { status: 'draft' }, events: eventsOut, funding: fundingOut, metrics: metricsOut },
    skipped,
    notes,
  }
}

type Skip = (kind: Skipped['kind'], s: Span, reason: string) => void
type Claim = { claimed: boolean; by: string | null }

const entityAt = (tp: Template, i: number) => tp.tokens[i].entity?.entity_id as string
function entitiesIn(tp: Template, from: number, to: number): string[] {
  const out: string[] = []
  for (let i = from; i < to; i++) if (isEntity(tp.t, i)) out.push(entityAt(tp, i))
  return out
}

/** What the sentences of an article carry forward: the paragraph's last flow (and the flows of one 分别 construction), the topic. */
interface Context {
  flow?: Flow
  /** flows of one construction with several recipients (分别向A和B投资): a later round (均为A轮) is theirs */
  group?: Flow[]
  line: number
  /** the organization last the subject of a clause: the recipient of a clause with no subject (又完成B轮融资) */
  topic?: string
}

/** The subject of a clause: its first entity, when no preposition, conjunction or verb of the flow comes before it (并获得Y的授信: Y is no subject), in a clause that gives no funder its role (老股东Y追加投资). */
function clauseSubject(tp: Template, c: Span): EntityMention | undefined {
  if (FUNDER_ROLE.test(tp.t.slice(c.start, c.end))) return undefined
  for (let i = c.start; i < c.end; i++) {
    const e = tp.tokens[i].entity
    if (e) return VERB_BEFORE_SUBJECT.test(tp.t.slice(c.start, i)) ? undefined : e
    if (BEFORE_TOPIC.has(tp.t[i])) return undefined
  }
  return undefined
}
const FUNDER_ROLE = new RegExp(alternation([...WORDS.lead, ...WORDS.colead, ...WORDS.follow, ...WORDS.sole, ...WORDS.existing]))
const VERB_BEFORE_SUBJECT = new RegExp(alternation([...WORDS.receive, ...WORDS.raise_verb, ...WORDS.invest, ...WORDS.stake]))

const newFlow = (recipient: string, claim: Claim, tp: Template, etc: boolean): Flow => ({
  recipient,
  funders: new Map(),
  etc,
  leadOnly: false,
  sole: false,
  fromConstruction: false,
  type: 'investment',
  statusText: '',
  claimed: claim.claimed,
  claimBy: claim.by,
  spans: [],
  otherTimes: [],
  headline: tp.headline,
})

/** The flows a sentence starts; roles and amounts of clauses without a construction go to the paragraph's last flow. */
function readFlows(tp: Template, claim: Claim, paragraph: Context, skip: Skip): Flow[] {
  const sentenceSpan = { start: tp.start, end: tp.end }
  // funding: a construction starts a flow; later clauses and sentences of the paragraph add roles and the amount
  const here: { flow: Flow; first: number; last: number }[] = []
  let statusFrom = 0
  tp.clauses.forEach((c, ci) => {
    const sub = tp.t.slice(c.start, c.end)
    const moneyHere = flowMoney(tp, c)
    const subject = clauseSubject(tp, c)
    if (subject?.entity_type === 'organization') paragraph.topic = subject.entity_id
    if (ACQUIRE.test(sub.replace(ACQUIRE_NOT, (w) => NEUTRAL.repeat(w.length)))) return
    // 连续完成两轮融资: a count of rounds sums up flows told one by one, it is none of them
    if (ROUND_COUNT.test(sub) && !moneyHere.length) return
    const hit = FUNDING.map((f) => ({ f, m: f.re.exec(sub) })).find(
      (x) => x.m?.groups?.R || (x.m && x.f.recipient_from === 'topic' && paragraph.topic) || (x.m && x.f.respectively && x.m.groups?.P),
    )
    let flow: Flow | undefined
    const onlyFigures = tp.t.slice(c.start, c.end).match(/[\uE800-\uEFFF]/g)?.length && !moneyHere.length && !roundOf(sub) && !hit?.m?.groups?.F
    if (hit?.m && !onlyFigures) {
      const g = hit.m.indices?.groups
      // 分别向A和B投资N和M: one flow per recipient, the amounts paired in order
      const recipients =
        hit.f.respectively && g?.P ? entitiesIn(tp, c.start + g.P[0], c.start + g.P[1]) : [g?.R ? entityAt(tp, c.start + g.R[0]) : (paragraph.topic as string)]
      const fs = g?.F
      // the subject carried over from the sentence's first clause (Y宣布，批准向X提供…)
      const first = tp.clauses[0]
      const carried = hit.f.funderFrom && ci > 0 ? hit.f.funderFrom.exec(tp.t.slice(first.start, first.end))?.indices?.groups?.F : undefined
      const [from, f0] = fs ? [c.start, fs] : carried ? [first.start, carried] : [0, undefined]
      const group: Flow[] = []
      recipients.forEach((recipient, k) => {
        const f = newFlow(recipient, claim, tp, Boolean(hit.m?.groups?.Fetc))
        if (f0) {
          for (const e of entitiesIn(tp, from + f0[0], from + f0[1])) if (e !== recipient) f.funders.set(e, {})
          f.fromConstruction = f.funders.size > 0
        }
        if (recipients.length > 1 && moneyHere.length === recipients.length) f.money = moneyHere[k]
        const type = carried && cues.funding.types.find((t) => tp.t.slice(first.start, first.end).includes(fold(t.word)))
        if (type) f.type = type.type as Flow['type']
        here.push({ flow: f, first: ci, last: ci })
        f.statusText = tp.t.slice(statusFrom, c.end)
        group.push(f)
      })
      flow = group.at(-1) as Flow
      paragraph.flow = flow
      paragraph.group = group.length > 1 ? group : undefined
      if (group.length > 1) {
        statusFrom = c.end
        for (const f of group) {
          addRoles(f, sub, (a, b) => entitiesIn(tp, c.start + a, c.start + b))
          f.round ??= roundOf(sub)
        }
        return
      }
    } else {
      const roles = ROLE_TESTS.some((re) => re.test(sub))
      const amount = moneyHere.length > 0 && AMOUNT_CUE.test(sub)
      const round = roundOf(sub)
      // 两笔投资均为A轮: the round of every flow of the construction before
      if (!roles && !amount && round && paragraph.group) {
        for (const f of paragraph.group) f.round ??= round
        return
      }
      if (!roles && !amount) return
      flow = paragraph.flow
      if (!flow) {
        if (amount) skip('funding', spanOf(tp, c), 'an amount with a funding word, but no construction names who receives it')
        return
      }
      if (!roles && flow.money && !refines(flow.money, moneyHere[0])) return
      const last = here.at(-1)
      if (last?.flow === flow) {
        last.last = ci
        flow.statusText += tp.t.slice(tp.clauses[ci - 1]?.end ?? 0, c.end)
      } else if (!flow.spans.some((s) => s.start === tp.start)) flow.spans.push(sentenceSpan)
    }
    statusFrom = c.end
    addRoles(flow, sub, (from, to) => entitiesIn(tp, c.start + from, c.start + to))
    if (moneyHere.length && (!flow.money || refines(flow.money, moneyHere[0]))) flow.money = moneyHere[0]
    flow.magnitude ??= magnitudes(tp, c)[0]?.text
    flow.round ??= roundOf(sub) ?? (IPO_RAISE.test(sub) && IPO_WORDS.test(tp.t) ? 'ipo' : undefined)
    const type = cues.funding.types.find((t) => sub.includes(fold(t.word)))
    if (type) flow.type = type.type as Flow['type']
  })
  if (here.length === 1) here[0].flow.statusText = tp.t
  for (const h of here) {
    h.flow.spans.unshift(here.length === 1 ? sentenceSpan : spanOf(tp, { start: tp.clauses[h.first].start, end: tp.clauses[h.last].end }))
    const other = otherVerbBefore(tp, h.first, new Set(here.map((x) => x.first)))
    if (other !== null) h.flow.otherTimes.push(spanOf(tp, { start: tp.clauses[0].start, end: tp.clauses[other].end }))
  }
  return here.map((h) => h.flow)
}

/**
 * A date belongs to the verb of its clause: a time in an earlier clause dates the flow told in clause `ci` (2024年9月，X完成…;
 * Y5月8日宣布，向X提供…) unless that clause has a verb of its own, an event's (X于2019年创立，) or another flow's
 * construction. The last such clause before `ci`, or null: its time and every earlier one are not the flow's.
 */
function otherVerbBefore(tp: Template, ci: number, constructions: Set<number>): number | null {
  for (let k = ci - 1; k >= 0; k--) {
    const c = tp.clauses[k]
    const sub = tp.t.slice(c.start, c.end).replace(OWN_VERB_NOT, (w) => NEUTRAL.repeat(w.length))
    if (constructions.has(k) || OWN_VERB.test(sub)) return k
  }
  return null
}

/** Valuations and revenue: metrics of the entity before them, else of the flow being told. */
function readMetrics(tp: Template, here: Flow[], paragraphFlow: Flow | undefined, claim: Claim, skip: Skip): DraftMetric[] {
  const sentenceSpan = { start: tp.start, end: tp.end }
  const out: DraftMetric[] = []
  // valuations and revenue are metrics, never funding
  for (const { money, measure, at } of figures(tp)) {
    const before = entitiesIn(tp, tp.clauses.find((c) => c.start <= at && at < c.end)?.start ?? 0, at)
    const subject = before.at(-1) ?? here.at(-1)?.recipient ?? paragraphFlow?.recipient
    if (!subject) {
      skip('metric', sentenceSpan, `a ${measure} (${money.text}) with no entity it belongs to`)
      continue
    }
    out.push({ subject, measure, money, spans: [sentenceSpan], claimed: claim.claimed, claimBy: claim.by })
  }

  return out
}

/** Events from their constructions; a cue word without one is reported, never drafted with a placeholder. */
function readEvents(tp: Template, claim: Claim, startsFlow: boolean, skip: Skip, referenceAt: Set<number>): DraftEvent[] {
  const sentenceSpan = { start: tp.start, end: tp.end }
  const out: DraftEvent[] = []
  // events from their constructions; a cue word without one is reported, never drafted with a placeholder
  const drafted = new Set<string>()
  let blocked = false
  for (const e of EVENTS) {
    if (drafted.has(e.type) || e.except.some((w) => tp.t.includes(w))) continue
    const m = e.re.exec(tp.t)
    if (!m?.indices?.groups) continue
    const g = m.indices.groups
    if ('block' in e) {
      drafted.add(e.type)
      blocked = true
      skip('event', sentenceSpan, e.block as string)
      continue
    }
    const subject = entityAt(tp, g.S[0])
    // 公司表示: a statement of a company referred back to says nothing a curator records
    if (e.type === 'statement' && referenceAt.has(tp.tokens[g.S[0]].start)) continue
    const others = [...(g.P ? entitiesIn(tp, g.P[0], g.P[1]) : []), ...(g.O ? [entityAt(tp, g.O[0])] : [])].filter((x) => x !== subject)
    drafted.add(e.type)
    const role = (e.role ?? 'mentioned') as DraftEvent['participants'][number]['role']
    out.push({
      type: e.type as DraftEvent['type'],
      subject,
      participants: [...new Set(others)].map((entity) => ({ entity, role })),
      spans: [sentenceSpan],
      claimed: claim.claimed,
      claimBy: claim.by,
      headline: tp.headline,
    })
  }
  const cueWords = [...new Set(tp.t.match(EVENT_CUES) ?? [])]
  if (cueWords.length && drafted.size === 0 && !startsFlow && !blocked)
    skip('event', sentenceSpan, `cue ${cueWords.join(', ')} but no construction names the subject`)
  return out
}

const EVENT_ID: Partial<Record<AnnotationsEvent['type'], string>> = {
  acquired: 'acquires',
  launched: 'launches',
  left: 'leaves',
  appointed: 'appointed-at',
}

function isEntity(t: string, i: number): boolean {
  const c = t.charCodeAt(i)
  return c >= 0xe000 && c < MONEY_FIRST
}

function template(s: Sentence, folded: string[], mentions: Mention[], line: number, headline: boolean, chars: string[]): Template {
  const inside = mentionIndex(mentions)
    .within(s.start, s.end)
    .map((k) => mentions[k])
    .filter((m) => m.kind === 'entity' || m.kind === 'money')
  // the first mention starting at each point, found by its start instead of a search of the sentence's mentions per character
  const startingAt = new Map<number, Mention>()
  for (const m of inside) if (!startingAt.has(m.start)) startingAt.set(m.start, m)
  const tokens: Token[] = []
  let t = ''
  let [entities, amounts] = [0, 0]
  for (let i = s.start; i < s.end; ) {
    const m = startingAt.get(i)
    // a round's letter read as a name (A1 of A1轮) is the round, not an entity
    if (m?.kind === 'entity' && !isRoundLetter(m, folded)) {
      t += String.fromCharCode(0xe000 + entities++)
      // 日本先进半导体制造公司（JASM）: a name and its bracketed alias are one entity, one token
      const end = appositionEnd(m, inside, folded) ?? m.end
      tokens.push({ start: m.start, end, entity: m })
      i = end
    } else if (m?.kind === 'money') {
      t += String.fromCharCode(MONEY_FIRST + amounts++)
      tokens.push({ start: m.start, end: m.end, money: m })
      i = m.end
    } else {
      // 參與 is 参与 here: foldText reads 參 as the numeral 三, which only a money or number mention may be
      const c = SIMPLIFIED.has(chars[i]) ? chars[i] : folded[i]
      t += c.length === 1 ? (SIMPLIFIED.get(c) ?? c) : '\uFFFD'
      tokens.push({ start: i, end: i + 1 })
      i++
    }
  }
  const clauses: Span[] = []
  let start = 0
  for (let i = 0; i <= t.length; i++) {
    if (i < t.length && !BREAKS.includes(t[i])) continue
    let end = i
    while (end > start && ENDS.includes(t[end - 1])) end--
    if (end > start) clauses.push({ start, end })
    start = i + 1
  }
  return { start: s.start, end: s.end, line, headline, t, tokens, clauses }
}

const ROUND_LETTER = /^(?:pre-?)?[a-h](?:[1-9]|\++)?$/
const isRoundLetter = (m: EntityMention, folded: string[]) =>
  ROUND_LETTER.test(folded.slice(m.start, m.end).join('')) && (SIMPLIFIED.get(folded[m.end]) ?? folded[m.end]) === '轮'

const OPEN = new Set(['(', '（'])
const CLOSE = new Set([')', '）'])
const NAME_SUFFIX = new RegExp(`^(?:${alternation(cues.words.name_suffix)})?$`)
/** Where a name followed by its own alias in brackets (X（Y）, X公司（Y）) ends, when it is. */
function appositionEnd(m: EntityMention, inside: Mention[], folded: string[]): number | undefined {
  // the two characters after the name only (a findIndex from the start of the text was a pass over it per name)
  let open = -1
  for (let k = m.end; k <= m.end + 2 && k < folded.length && open < 0; k++) if (OPEN.has(folded[k])) open = k
  if (open < 0 || !NAME_SUFFIX.test(folded.slice(m.end, open).join(''))) return undefined
  const alias = inside.find((x) => x.kind === 'entity' && x.start === open + 1)
  if (alias?.kind !== 'entity' || alias.entity_id !== m.entity_id || !CLOSE.has(folded[alias.end])) return undefined
  return alias.end + 1
}

/** Template positions back to code points of the article. */
function spanOf(tp: Template, s: Span): Span {
  return { start: tp.tokens[s.start].start, end: tp.tokens[s.end - 1].end }
}

/** 据Y报道 / Y援引: whether the sentence is a claim, and its source, taken out of the template so it is never a funder or recipient. */
function neutralizeClaimSource(tp: Template): { claimed: boolean; by: string | null } {
  const cue = STATUS.claimed.test(tp.t) || STATUS.claimedAtStart.test(tp.t)
  for (const { re, alone } of CLAIM_SOURCES) {
    const at = cue || alone ? re.exec(tp.t)?.indices?.groups?.S?.[0] : undefined
    if (at === undefined) continue
    tp.t = tp.t.slice(0, at) + NEUTRAL + tp.t.slice(at + 1)
    return { claimed: true, by: tp.tokens[at].entity?.entity_id ?? null }
  }
  return { claimed: cue, by: null }
}

/** Amounts of a clause that are money flows: not a valuation, revenue, loss or per-share price. */
function flowMoney(tp: Template, c: Span): MoneyMention[] {
  const out: MoneyMention[] = []
  for (let i = c.start; i < c.end; i++) {
    const money = tp.tokens[i].money
    if (money && !notAFlow(tp, c, i) && !unreadable(tp, c, i)) out.push(money)
  }
  return out
}

/** 亿元级 then 本轮金额为1.2亿元: a figure told later in the flow's paragraph, inside the vague amount's bounds, is its amount. */
function refines(vague: MoneyMention, later: MoneyMention | undefined): boolean {
  if (!later || later.amount === null || vague.amount !== null || vague.amount_low === null || vague.amount_high === null) return false
  return later.currency === vague.currency && vague.amount_low <= later.amount && later.amount <= vague.amount_high
}

/** Amounts of a clause read as a point although written as a magnitude (2亿元级) or vaguely (數千萬): never a flow's amount. */
function magnitudes(tp: Template, c: Span): MoneyMention[] {
  const out: MoneyMention[] = []
  for (let i = c.start; i < c.end; i++) {
    const money = tp.tokens[i].money
    if (money && !notAFlow(tp, c, i) && unreadable(tp, c, i)) out.push(money)
  }
  return out
}

/**
 * An amount the normalizer read as a point although the text is vague: 2亿元级 (级 after a figure that is no power
 * of ten; 千万元级 is read whole, 1e7–1e8), or 數千萬 read without its 數.
 */
function unreadable(tp: Template, c: Span, i: number): boolean {
  return MAGNITUDE_AFTER.test(tp.t.slice(i + 1, c.end)) || (i > c.start && VAGUE_BEFORE.has(tp.t[i - 1]))
}

function notAFlow(tp: Template, c: Span, i: number): 'valuation' | 'revenue' | 'other' | null {
  let from = Math.max(c.start, i - 8)
  for (let k = i - 1; k >= from; k--)
    if (tp.tokens[k].money) {
      // the words after an earlier amount (200亿元估值) belong to that amount
      from = Math.max(from, k + 1 + (VALUATION_AFTER.exec(tp.t.slice(k + 1, i))?.[0].length ?? 0))
      break
    }
  const m = NOT_FLOW_BEFORE.exec(tp.t.slice(from, i))
  if (m) return m[1] ? 'valuation' : m[2] ? 'revenue' : 'other'
  return VALUATION_AFTER.test(tp.t.slice(i + 1, c.end)) ? 'valuation' : null
}

function figures(tp: Template): { money: MoneyMention; measure: AnnotationsMetric['measure']; at: number }[] {
  const out: { money: MoneyMention; measure: AnnotationsMetric['measure']; at: number }[] = []
  for (const c of tp.clauses)
    for (let i = c.start; i < c.end; i++) {
      const money = tp.tokens[i].money
      const kind = money && notAFlow(tp, c, i)
      if (money && (kind === 'valuation' || kind === 'revenue')) out.push({ money, measure: kind, at: i })
    }
  return out
}

function addRoles(flow: Flow, sub: string, entitiesIn: (from: number, to: number) => string[]): void {
  const taken = new Set<number>()
  for (const r of ROLES) {
    r.re.lastIndex = 0
    for (const m of sub.matchAll(r.re)) {
      const p = m.indices?.groups?.P
      if (!p || taken.has(p[0])) continue
      for (let i = p[0]; i < p[1]; i++) taken.add(i)
      for (const e of entitiesIn(p[0], p[1])) {
        if (e === flow.recipient) continue
        const prior = flow.funders.get(e) ?? {}
        flow.funders.set(e, 'lead' in r ? { lead: (prior.lead ?? false) || r.lead } : prior)
      }
      if (m.groups?.Petc) flow.etc = true
      if ('sole' in r) flow.sole = true
      if ('others' in r) flow.leadOnly = true
    }
  }
}

function roundOf(sub: string): Round | undefined {
  const m = ROUND.exec(sub)
  let label: string | undefined
  if (m) {
    // A+, A++ -> a+; the tranches A1, A2 of a round are that round (a), as the corpus labels them
    const plus = (s: string | undefined) => (s && /^[+＋]/.test(s) ? '+' : '')
    label = m[1] ? `${(cues.rounds.named as Record<string, string>)[m[1]] ?? m[1]}${plus(m[2])}` : `${m[3] ? 'pre-' : ''}${m[4]}${plus(m[5])}`
  } else if (STRATEGIC.test(sub)) label = 'strategic'
  return label && ROUND_LABELS.has(label) ? (label as Round) : undefined
}

function statusOf(f: Flow): Status {
  if (f.claimed) return 'claimed'
  const t = f.statusText.replace(STATUS_EXCEPT, (w) => ' '.repeat(w.length))
  if (STATUS.cancelled.test(t)) return 'cancelled'
  if (STATUS.planned.test(t)) return 'planned'
  if (STATUS.announcedOverCompleted.test(t)) return 'announced'
  if (STATUS.completed.test(t)) return 'completed'
  if (STATUS.announced.test(t)) return 'announced'
  if (STATUS.future.test(t)) return 'planned'
  // Y向X捐赠N, Y投资X: the funder's own verb, with no word of plan or promise, reports what was done
  return f.fromConstruction ? 'completed' : 'announced'
}

/**
 * Which of two recipients is the name proper when one is written as the other with words before it
 * (合成生物企业谷雅生物 and 谷雅生物: a descriptor and the name, read as two names by a name list):
 * the shorter one, else undefined when they are not one company (驰曜汽车 does not end with 驰曜).
 */
function nameProper(a: string, b: string, formsOf: Map<string, string[]>): string | undefined {
  if (a === b) return a
  const ends = (long: string, short: string) =>
    (formsOf.get(long) ?? []).some((l) => (formsOf.get(short) ?? []).some((s) => s.length >= 2 && l.length > s.length && l.endsWith(s)))
  return ends(a, b) ? b : ends(b, a) ? a : undefined
}

/** One flow told twice (headline and body, or twice in the body) is one record. */
function mergeFlows(flows: Flow[], formsOf: Map<string, string[]>): Flow[] {
  const out: Flow[] = []
  const candidates = flowsByRecipient(out, formsOf)
  for (const f of flows) {
    const same = candidates
      .of(f.recipient)
      .find(
        (g) =>
          nameProper(g.recipient, f.recipient, formsOf) !== undefined &&
          g.type === f.type &&
          !(g.round && f.round && g.round !== f.round) &&
          !(g.money && f.money && (g.money.amount !== f.money.amount || g.money.currency !== f.money.currency)) &&
          (g.headline || f.headline || (g.money && f.money) || (g.round && f.round) || (!f.money && !f.round && f.funders.size === 0)),
      )
    if (!same) {
      candidates.add(f)
      continue
    }
    candidates.rename(same, nameProper(same.recipient, f.recipient, formsOf) as string)
    const body = same.headline && !f.headline ? f : same
    const spans = body === f ? [...f.spans, ...same.spans] : [...same.spans, ...f.spans]
    same.spans = spans.filter((s, i) => spans.findIndex((x) => x.start === s.start && x.end === s.end) === i)
    same.otherTimes = [...same.otherTimes, ...f.otherTimes]
    for (const [e, x] of f.funders) if (e !== same.recipient) same.funders.set(e, { lead: same.funders.get(e)?.lead || x.lead })
    same.money = body.money ?? same.money ?? f.money
    same.round ??= f.round
    same.etc ||= f.etc
    same.sole ||= f.sole
    same.leadOnly &&= f.leadOnly
    same.claimBy ??= f.claimBy
    same.claimed ||= f.claimed
    if (STATUS_RANK[statusOf(f)] > STATUS_RANK[statusOf(same)]) same.statusText = f.statusText
    same.headline &&= f.headline
  }
  // the only funder of a complete list (获X投资, 投资方为X) is the lead, as the corpus labels it; 跟投 alone stays lead: false
  for (const f of out) if (f.funders.size === 1 && (f.fromConstruction || !f.etc)) for (const x of f.funders.values()) x.lead ??= true
  return out
}

function mergeEvents(events: DraftEvent[]): DraftEvent[] {
  const out: DraftEvent[] = []
  // only an event of the same type and subject can be the same event: look among those alone
  const byKey = new Map<string, DraftEvent[]>()
  for (const e of events) {
    const key = `${e.type}\u0000${e.subject}`
    const same = (byKey.get(key) ?? []).find(
      // two statements of one speaker are two events, unless one is the headline
      (g) =>
        g.type === e.type &&
        g.subject === e.subject &&
        (g.headline || e.headline || (e.type !== 'statement' && g.participants[0]?.entity === e.participants[0]?.entity)),
    )
    if (!same) {
      out.push(e)
      const list = byKey.get(key) ?? []
      list.push(e)
      byKey.set(key, list)
    } else {
      same.spans = same.headline && !e.headline ? [...e.spans, ...same.spans] : [...same.spans, ...e.spans]
      for (const p of e.participants) if (!same.participants.some((x) => x.entity === p.entity)) same.participants.push(p)
      same.headline &&= e.headline
    }
  }
  return out
}

function mergeMetrics(metrics: DraftMetric[]): DraftMetric[] {
  const out: DraftMetric[] = []
  // same subject, measure, amount and currency: one key, one lookup
  const byKey = new Map<string, DraftMetric>()
  for (const m of metrics) {
    const key = JSON.stringify([m.subject, m.measure, m.money.amount, m.money.currency])
    const same = byKey.get(key)
    if (same) same.spans.push(...m.spans)
    else {
      out.push(m)
      byKey.set(key, m)
    }
  }
  return out
}

/**
 * The merged flows by recipient, for mergeFlows: the flows a new one may join are those whose recipient
 * is its own or one nameProper relates to it (one name's form ends with the other's), in the order of
 * `out`, found through the forms' suffixes instead of a comparison with every flow so far.
 */
function flowsByRecipient(out: Flow[], formsOf: Map<string, string[]>) {
  const position = new Map<Flow, number>()
  const byRecipient = new Map<string, Flow[]>()
  const owners = new Map<string, Set<string>>()
  const own = (form: string, id: string) => owners.set(form, (owners.get(form) ?? new Set()).add(id))
  // a form's own text (as the shorter name) and its proper suffixes of two or more (as the longer name's ends)
  for (const [id, forms] of formsOf)
    for (const l of forms) {
      own(`=${l}`, id)
      for (let k = 1; l.length - k >= 2; k++) own(`<${l.slice(k)}`, id)
    }
  const related = new Map<string, string[]>()
  const relatedTo = (r: string) => {
    let list = related.get(r)
    if (!list) {
      const ids = new Set([r])
      for (const form of formsOf.get(r) ?? []) {
        for (const id of owners.get(`<${form}`) ?? []) ids.add(id)
        for (let k = 1; form.length - k >= 2; k++) for (const id of owners.get(`=${form.slice(k)}`) ?? []) ids.add(id)
      }
      list = [...ids]
      related.set(r, list)
    }
    return list
  }
  const insert = (f: Flow) => {
    const list = byRecipient.get(f.recipient) ?? []
    const at = list.findIndex((g) => (position.get(g) as number) > (position.get(f) as number))
    list.splice(at < 0 ? list.length : at, 0, f)
    byRecipient.set(f.recipient, list)
  }
  return {
    of: (recipient: string): Flow[] =>
      relatedTo(recipient)
        .flatMap((r) => byRecipient.get(r) ?? [])
        .sort((a, b) => (position.get(a) as number) - (position.get(b) as number)),
    add(f: Flow) {
      position.set(f, out.length)
      out.push(f)
      insert(f)
    },
    rename(f: Flow, recipient: string) {
      if (recipient === f.recipient) return
      const list = byRecipient.get(f.recipient) ?? []
      list.splice(list.indexOf(f), 1)
      f.recipient = recipient
      insert(f)
    },
  }
}

function quote(text: string, chars: string[], s: Span): AnnotationsQuote | null {
  let [start, end] = [s.start, s.end]
  while (start < end && /\s/.test(chars[start])) start++
  while (end > start && /\s/.test(chars[end - 1])) end--
  if (end - start < 2) return null
  const q = chars.slice(start, end).join('')
  const hits = findAll(text, q)
  return hits.length > 1 ? { quote: q, occurrence: hits.findIndex((h) => h.start === start) + 1 } : { quote: q }
}

/**
 * The id of the n-th record of a base: slug(base), then `-<n>` from the second on, kept whole. Cutting the slug of
 * `<base>-<n>` at 80 characters would cut the suffix off a long base, giving the first id again (and the loop that looks
 * for a free id would never end); below 80 characters it is the same id.
 */
export function suffixed(base: string, n: number): string {
  if (n === 1) return slug(base)
  const suffix = `-${n}`
  return `${slug(base)
    .slice(0, 80 - suffix.length)
    .replace(/-+$/, '')}${suffix}`
}

function slug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return out.length <= 80 ? out : out.slice(0, 80).replace(/-[^-]*$/, '')
}

const listEn = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`)
const listZh = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join('、')}和${names.at(-1)}`)

function roundNames(r: Round): { en: string; zh: string } {
  if (r === 'seed' || r === 'seed+') return { en: `a ${r} round`, zh: `种子${r.endsWith('+') ? '+' : ''}轮` }
  if (r === 'angel' || r === 'angel+') return { en: `an ${r} round`, zh: `天使${r.endsWith('+') ? '+' : ''}轮` }
  if (r === 'strategic') return { en: 'a strategic round', zh: '战略' }
  if (r === 'pre-ipo') return { en: 'a Pre-IPO round', zh: 'Pre-IPO轮' }
  const label = r.startsWith('pre-') ? `Pre-${r.slice(4).toUpperCase()}` : r.toUpperCase()
  return { en: r.startsWith('pre-') ? `a ${label} round` : `a Series ${label} round`, zh: `${label}轮` }
}

const VERB_EN: Record<Flow['type'], [string, string]> = {
  investment: ['invests in', 'invest in'],
  donation: ['donates to', 'donate to'],
  grant: ['gives a grant to', 'give a grant to'],
  loan: ['lends to', 'lend to'],
  pledge: ['pledges money to', 'pledge money to'],
  other: ['gives money to', 'give money to'],
}
const VERB_ZH: Record<Flow['type'], string> = { investment: '投资', donation: '捐赠', grant: '资助', loan: '贷款给', pledge: '承诺出资', other: '出资给' }

function fundingSummary(f: Flow, status: Status, lead: string[], others: string[], en: (id: string) => string, zh: (id: string) => string) {
  const [R, Rz] = [en(f.recipient), zh(f.recipient)]
  const all = [...lead, ...others]
  if (f.round || all.length === 0) {
    const round = f.round ? roundNames(f.round) : { en: 'funding', zh: '' }
    const verb = { planned: 'plans to raise', claimed: 'reportedly raises', completed: 'raises', announced: 'announces', cancelled: 'cancels' }[status]
    const verbZh = { planned: '计划进行', claimed: '据报道完成', completed: '完成', announced: '宣布', cancelled: '取消' }[status]
    const by = lead.length ? ` led by ${listEn(lead.map(en))}` : ''
    const with_ = others.length ? `${lead.length ? ', with' : ' from'} ${listEn(others.map(en))}${lead.length ? ' participating' : ''}` : ''
    const none = all.length ? '' : ' (the investors are not named)'
    const zhBy = lead.length ? `，由${listZh(lead.map(zh))}领投` : ''
    const zhWith = others.length ? `，${listZh(others.map(zh))}${lead.length ? '跟投' : '参与'}` : ''
    return {
      en: `${R} ${verb} ${round.en}${by}${with_}${none}.`,
      zh: `${Rz}${verbZh}${round.zh}融资${zhBy}${zhWith}${all.length ? '' : '（投资方未披露）'}。`,
    }
  }
  const [one, many] = VERB_EN[f.type]
  const verb = all.length === 1 ? one : many
  const prefix = { planned: 'plan to ', claimed: 'reportedly ', completed: '', announced: '', cancelled: 'cancel: ' }[status]
  const zhPrefix = { planned: '计划', claimed: '据报道', completed: '', announced: '宣布', cancelled: '取消' }[status]
  const verbEn = status === 'planned' ? `${all.length === 1 ? 'plans' : 'plan'} to ${many}` : `${prefix}${verb}`
  return { en: `${listEn(all.map(en))} ${verbEn} ${R}.`, zh: `${listZh(all.map(zh))}${zhPrefix}${VERB_ZH[f.type]}${Rz}。` }
}

function eventSummary(e: DraftEvent, en: (id: string) => string, zh: (id: string) => string): { en: string; zh: string } {
  const [S, Sz] = [en(e.subject), zh(e.subject)]
  const ps = e.participants.map((p) => p.entity)
  const [O, Oz] = [listEn(ps.map(en)), listZh(ps.map(zh))]
  switch (e.type) {
    case 'founded':
      return ps.length ? { en: `${S} is founded by ${O}.`, zh: `${Sz}由${Oz}创立。` } : { en: `${S} is founded.`, zh: `${Sz}成立。` }
    case 'acquired':
      return { en: `${S} acquires ${O}.`, zh: `${Sz}收购${Oz}。` }
    case 'listed':
      return { en: `${S} lists its shares.`, zh: `${Sz}上市。` }
    case 'appointed':
      return ps.length ? { en: `${S} takes a post at ${O}.`, zh: `${Sz}出任${Oz}职务。` } : { en: `${S} is appointed to a post.`, zh: `${Sz}获任命。` }
    case 'left':
      return ps.length ? { en: `${S} leaves ${O}.`, zh: `${Sz}离开${Oz}。` } : { en: `${S} leaves a post.`, zh: `${Sz}离职。` }
    case 'launched':
      return ps.length ? { en: `${S} launches ${O}.`, zh: `${Sz}推出${Oz}。` } : { en: `${S} launches a product.`, zh: `${Sz}推出新产品。` }
    default:
      return { en: `${S} makes a statement.`, zh: `${Sz}发表表态。` }
  }
}

const claimedEn = (r: { claimed: boolean; claimBy: string | null }, en: (id: string) => string) =>
  r.claimed ? (r.claimBy ? ` (claimed by ${en(r.claimBy)})` : ' (according to sources the text does not name)') : ''
const claimedZh = (r: { claimed: boolean; claimBy: string | null }, zh: (id: string) => string) =>
  r.claimed ? (r.claimBy ? `（据${zh(r.claimBy)}）` : '（据未具名消息）') : ''

/** The claim's source inside the sentence, before its full stop. */
const withClaim = (sentence: string, claim: string) => (claim ? sentence.replace(/[.。]$/, (stop) => claim + stop) : sentence)

const REFERENCES = cues.references
const foldAll = (list: string[]) => list.map(fold).sort((a, b) => b.length - a.length)
/**
 * Words by their first character, each list longest first: the first word of a list that the folded code
 * points spell from a position is looked up among the words of that position's character alone (it was a
 * slice and a join per word and character: a sixth of 03-assemble's time in the machine tier).
 */
type WordIndex = Map<string, string[]>
function wordIndex(words: string[]): WordIndex {
  const index: WordIndex = new Map()
  for (const w of words) {
    // one UTF-16 unit per code point, so that a word's characters are the folded array's elements
    if (w === '' || Array.from(w).length !== w.length) throw new Error(`draft-cues.json: reference word "${w}" is empty or outside the BMP`)
    index.set(w[0], [...(index.get(w[0]) ?? []), w])
  }
  return index
}
/** The first word of `index` (in its list's order) that `folded` spells from `i`. */
function wordAt(folded: string[], i: number, index: WordIndex): string | undefined {
  return index.get(folded[i])?.find((w) => {
    for (let k = 1; k < w.length; k++) if (folded[i + k] !== w[k]) return false
    return true
  })
}
const [ANYWHERE, AT_CLAUSE_START, LATTER, FORMER] = [REFERENCES.anywhere, REFERENCES.clause_start, REFERENCES.latter, REFERENCES.former].map((list) =>
  wordIndex(foldAll(list)),
)
const BEFORE_TOPIC = new Set([...REFERENCES.not_before_topic].map(fold))

/**
 * Entity mentions for words that refer back to a company (issue 12: 公司/该公司 after the company is named):
 * 该公司 anywhere, 公司 and 其 at the start of a clause refer to the topic, the last organization that was
 * the subject of a clause (the first entity of a clause with no preposition before it); 后者 and 前者 to the
 * last and the one-before-last entity named. The headline's subject is the first topic.
 */
function referenceMentions(sentences: Sentence[], folded: string[], mentions: Mention[]): EntityMention[] {
  const entities = mentions.filter((m): m is EntityMention => m.kind === 'entity')
  const out: EntityMention[] = []
  const named: EntityMention[] = []
  let topic: EntityMention | undefined
  let e = 0
  const at = (i: number, words: WordIndex) => wordAt(folded, i, words)
  for (const s of sentences) {
    // blank: nothing but spaces since the clause began (kept as a flag, so a long clause costs no rescans)
    let blank = true
    // 老股东Y追加投资, Y跟投: a clause that gives a funder its role has no topic
    const rolesAhead = (from: number) => {
      let to = from
      while (to < s.end && !BREAKS.includes(folded[to]) && !ENDS.includes(folded[to])) to++
      return FUNDER_ROLE.test(folded.slice(from, to).join(''))
    }
    let subjectOpen = !rolesAhead(s.start)
    for (let i = s.start; i < s.end; i++) {
      const c = folded[i]
      if (BREAKS.includes(c) || ENDS.includes(c)) {
        blank = true
        subjectOpen = !rolesAhead(i + 1)
        continue
      }
      const startOfClause = blank
      if (!/\s/.test(c)) blank = false
      while (e < entities.length && entities[e].start < i) e++
      const ent = entities[e]?.start === i ? entities[e] : undefined
      if (ent) {
        if (subjectOpen && ent.entity_type === 'organization') topic = ent
        subjectOpen = false
        if (!named.length || named.at(-1)?.entity_id !== ent.entity_id) named.push(ent)
        i = ent.end - 1
        continue
      }
      if (BEFORE_TOPIC.has(c)) subjectOpen = false
      const word = at(i, ANYWHERE) ?? (startOfClause ? at(i, AT_CLAUSE_START) : undefined)
      const latter = word ? undefined : at(i, LATTER)
      const former = word || latter ? undefined : at(i, FORMER)
      const referent = word ? topic : latter ? named.at(-1) : former ? named.at(-2) : undefined
      const w = word ?? latter ?? former
      if (!w || !referent) continue
      out.push({ ...referent, start: i, end: i + w.length, text: folded.slice(i, i + w.length).join('') })
      subjectOpen = false
      i += w.length - 1
    }
  }
  return out
}
