/**
 * Entity discovery (issue 12 §1): names in a text that the curated list (raw/entities.json) does not
 * know yet, proposed as entities for a curator to accept, edit or drop. Pure: text in, proposals out.
 *
 *   discoverEntities(text: string, known: KnownNames): EntityProposal[]
 *     known: a Set of folded forms (knownForms(entities) builds one from the list) or { isKnown(folded) }.
 *     Proposals come in order of first occurrence; offsets are code points into `text`, end-exclusive.
 *
 * Cues (entity-cues.json holds every word list):
 *   suffix             organization suffix after a name: 卡方科技, 天天果園集團, IDG资本
 *   quoted             a quoted name with a suffix: “卡方科技”, 「卡方科技」
 *   latin              a Latin name: OpenAI, Zhipu AI, a16z, Sequoia Capital China
 *   gloss              a Chinese name with a Latin gloss: 亚马逊云科技(AWS): the gloss is name_en and an alias
 *   funding-recipient  the subject of 完成/获得 … 融资
 *   investor-lead      由 A、B 领投;  investor-follow  A、B和C 跟投/参投;  investor-list  投资方包括 …, 老股东 …
 *   transliteration    埃隆·马斯克;  title  创始人兼CEO王小川;  speech  王小川表示 (common surname, 2–3 characters)
 *   product            after 推出/发布/上线: 推出ChatGPT, 发布“文心一言”
 *   repeat             another occurrence of a name some cue found
 * Rules: texts are folded to simplified characters first (opencc-js, length-preserving, so offsets hold),
 * so 天天果园 and 天天果園 are one proposal with one id; the longest name wins; a name the curated list knows
 * is neither proposed nor cut into shorter names; leading verbs and prepositions (获, 由, 旗下 …) and trailing
 * particles (的, 等) are never part of a name. entity_id is a slug of the Latin name, else of the pinyin.
 */
import * as OpenCC from 'opencc-js/t2cn'
import { pinyin } from 'pinyin-pro'
import { type Entity, surfaceForms } from '../normalize/entities.ts'
import { codePointIndexer, foldText } from '../normalize/text.ts'
import cues from './entity-cues.json' with { type: 'json' }
import { insideOneOf } from './mention-index.ts'
import { SubstringIndex } from './substring-index.ts'

export type EntityType = Entity['entity_type']

export type Cue =
  | 'suffix'
  | 'quoted'
  | 'latin'
  | 'gloss'
  | 'funding-recipient'
  | 'investor-lead'
  | 'investor-follow'
  | 'investor-list'
  | 'transliteration'
  | 'title'
  | 'speech'
  | 'product'
  | 'institution'
  | 'employer'
  | 'founder'
  | 'investee'
  | 'acquirer'
  | 'owner'
  | 'holder'
  | 'descriptor'
  | 'repeat'

export interface EntityOccurrence {
  /** code points into the text, end-exclusive */
  start: number
  end: number
  /** the characters as written */
  text: string
  cue: Cue
}

export interface EntityProposal {
  entity_id: string
  entity_type: EntityType
  /** simplified Chinese form, or null for a name seen only in Latin letters */
  name_zh: string | null
  /** the Latin gloss or Latin name, else a pinyin romanization */
  name_en: string
  /** every other form seen (traditional spelling, gloss, with 公司) */
  aliases: string[]
  occurrences: EntityOccurrence[]
}

export type KnownNames = Set<string> | { isKnown(folded: string): boolean }

interface Candidate {
  start: number
  end: number
  type: EntityType
  cue: Cue
  /** explicit cues (a title, a suffix, a product verb) beat implicit ones when two claim the same span */
  strength: number
  gloss?: { start: number; end: number; parenEnd: number }
}

const byLength = (words: string[]) => [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
const SUFFIXES = byLength(cues.org_suffixes)
const WEAK = new Set(cues.weak_suffixes)
const WEAK_REJECTIONS = byLength(cues.weak_rejections)
const GENERIC = new Set([...cues.generic_names, ...cues.generic_stems])
const GENERIC_STEMS = byLength(cues.generic_stems)
const STOP_CHARS = new Set(cues.stop_chars)
const BOUNDARY_WORDS = byLength([...cues.stop_words, ...cues.titles, ...cues.legal_forms, ...cues.speech_verbs])
const TITLES = byLength(cues.titles)
const SPEECH = byLength(cues.speech_verbs)
const PRODUCT_CUES = byLength(cues.product_cues)
const FUNDING_VERBS = byLength(cues.funding_verbs)
const LEAD = byLength(cues.lead_cues)
const FOLLOW = byLength(cues.follow_cues)
const OPENERS = byLength(cues.list_openers)
const SEPARATORS = byLength(cues.list_separators)
const PARTICLES = byLength(cues.trailing_particles)
const LATIN_STOP = new Set(cues.latin_stop)
/** in the folded text: foldText reads 陆 and 伍 as the numerals 六 and 五, so the surnames are looked up folded too */
const SURNAMES = byLength([...cues.common_surnames, ...cues.common_surnames.map((n) => foldText(n))])
const LEADING = byLength(cues.leading_strip)
const VERB_PREFIXES = byLength(cues.funding_verb_prefixes)
const AFTER_NAME = byLength([...cues.after_name, ...cues.speech_verbs, ...cues.stop_words])
const CATEGORY = byLength(cues.category_nouns)
const INSTITUTIONS = byLength(cues.institution_names)
const FOUNDING = byLength(cues.founding_verbs)
const APPOINTING = byLength(cues.appointing_verbs)
const BY_PERSON = byLength(cues.by_person)
const WEEKDAYS = new Set(cues.weekdays)
const REPORTED = byLength(cues.reported_prefixes)
const WEAK_WORDS = byLength(cues.weak_suffixes)
const COMPOUNDS = byLength(cues.category_compounds)
const MARKETS = byLength(cues.market_words)
const COUNTED = byLength(cues.counted)
const PROFESSIONS = byLength(cues.professions)
const VERB_SUFFIXES = new Set(cues.verb_suffixes)
const OBJECT_VERBS = byLength(cues.object_verbs)
const TO_VERBS = byLength(cues.to_verbs)
const PASSIVE_VERBS = byLength(cues.passive_verbs)
const OWNER_WORDS = byLength(cues.owner_words)
const HELD_VERBS = byLength(cues.held_verbs)
const LEAD_COPULAS = byLength(cues.lead_copulas)
const DESCRIPTOR_NOUNS = byLength(cues.descriptor_nouns)
const NOT_NAMES = new Set(cues.not_names)
const NAME_INITIAL = new Set(cues.name_initial_conjunctions)
const LIST_START = new Set(cues.list_start_chars)
const ACQUIRE_OBJECTS = byLength(cues.acquire_objects)
const DUI_VERBS = byLength(cues.dui_verbs)
const DUI_BETWEEN = byLength(cues.dui_between)
const SUFFIX_BLOCKERS = new Map(Object.entries(cues.suffix_blockers).map(([k, v]) => [k, byLength(v)]))
const CITED_BEFORE = byLength(cues.cited_before)
const CITED_AFTER = byLength(cues.cited_after)
const NAME_FOLLOWERS = byLength(cues.name_followers)
const LEGAL_FORMS = byLength(cues.legal_forms)
const NOT_NAME_ENDINGS = byLength(cues.not_name_endings)
const LOCATIVES = new Set(cues.locatives)
/** stop characters that end a name only after a figure (3亿元, 5轮): inside a run of Han they are name characters (元件厂) */
const AMOUNT_STOPS = new Set([...'亿万元号个支轮笔项次种'])
const QUOTES = new Map(cues.quotes.map(([open, close]) => [open, close]))
/** characters of 称 compounds that are not speech after a name: 号称, 简称, 堪称 */
const NOT_SPEECH_BEFORE_CHENG = new Set([...'宣号声堪简名被自俗人戏统并'])

/** Astral Han (planes 2 and 3) keeps both halves; discoverEntities blanks every other astral character out of the folded copy. */
const isHan = (c: string | undefined) => c !== undefined && /[\u3400-\u9fff\uf900-\ufaff\ud840-\ud8bf\udc00-\udfff]/.test(c)
const isLatin = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c)
const isNameChar = (c: string | undefined) => isHan(c) || isLatin(c) || c === '·'
const CLAUSE_END = /[,.。;；:!?！？\n()“”「」『』《》"]/

const toSimplified = (() => {
  const converters = [OpenCC.Converter({ from: 'hk', to: 'cn' }), OpenCC.Converter({ from: 'tw', to: 'cn' })]
  const one = (s: string) => converters.reduce((acc, convert) => convert(acc), s)
  return (text: string): string => {
    const whole = one(text)
    if (whole.length === text.length) return whole
    // a phrase conversion changed the length: convert character by character so every offset still holds
    return Array.from(text, (ch) => {
      const c = one(ch)
      return c.length === ch.length ? c : ch
    }).join('')
  }
})()

/** The text in simplified characters, one UTF-16 unit for one (opencc-js with its hk and tw converters). */
export function simplifyChinese(text: string): string {
  return toSimplified(text)
}

/** The folded forms (foldText, and foldText of the simplified spelling) of every name and alias of a list. */
export function knownForms(entities: Entity[]): Set<string> {
  const out = new Set<string>()
  for (const e of entities)
    for (const form of surfaceForms(e)) {
      out.add(form)
      out.add(foldText(simplifyChinese(form)))
    }
  return out
}

/** Word lists indexed by first and by last character (longest first), built once per list. */
const indexes = new WeakMap<string[], { first: Map<string, string[]>; last: Map<string, string[]> }>()
function indexOf(words: string[]) {
  let index = indexes.get(words)
  if (!index) {
    index = { first: new Map(), last: new Map() }
    for (const w of words) {
      for (const [map, c] of [
        [index.first, w[0]],
        [index.last, w[w.length - 1]],
      ] as const)
        map.set(c, [...(map.get(c) ?? []), w])
    }
    indexes.set(words, index)
  }
  return index
}
const startsAt = (s: string, i: number, words: string[]) =>
  indexOf(words)
    .first.get(s[i])
    ?.find((w) => s.startsWith(w, i))
const endsAt = (s: string, i: number, words: string[]) =>
  i > 0
    ? indexOf(words)
        .last.get(s[i - 1])
        ?.find((w) => i >= w.length && s.startsWith(w, i - w.length))
    : undefined

/**
 * Where a name ending at `end` starts: left across name characters until a stop character, a word that
 * never begins a name (BOUNDARY_WORDS), punctuation or `floor`. Null when `max` characters pass without
 * a boundary (the start would be a guess).
 */
function scanLeft(f: string, end: number, max: number, floor = 0): number | null {
  let i = end
  for (;;) {
    if (i <= floor || endsAt(f, i, BOUNDARY_WORDS) || isDateEnd(f, i)) break
    const c = f[i - 1]
    const latinSpace = c === ' ' && isLatin(f[i - 2]) && isLatin(f[i])
    if ((!isNameChar(c) && !latinSpace) || STOP_CHARS.has(c)) break
    if (end - i >= max) return null
    i--
  }
  // 由和风创投领投: a conjunction right after 由 or a list mark joins nothing, it starts the name (at a clause's start,
  // 与X同在… is a preposition)
  if (i > floor && NAME_INITIAL.has(f[i - 1]) && end - i < max && LIST_START.has(f[i - 2])) i--
  const lead = startsAt(f, i, LEADING)
  return lead && i + lead.length < end ? i + lead.length : i
}

/** 5月, 2023年, 三日: a date just before `i` ends a name. */
const isDateEnd = (f: string, i: number) => /[年月日号]/.test(f[i - 1] ?? '') && /[0-9一二三四五六七八九十零]/.test(f[i - 2] ?? '')

/** Where a name starting at `start` ends, going right; the mirror of scanLeft. */
function scanRight(f: string, start: number, max: number): number {
  let i = start
  while (i < f.length && i - start < max && isNameChar(f[i]) && f[i] !== '·' && !STOP_CHARS.has(f[i]) && !startsAt(f, i, BOUNDARY_WORDS)) i++
  return i
}

/** The start of the clause around `i`: just after the last punctuation before it. */
function clauseStart(f: string, i: number): number {
  let j = i
  while (j > 0 && !endsClause(f, j - 1)) j--
  return j
}

function clauseEnd(f: string, i: number): number {
  let j = i
  while (j < f.length && !endsClause(f, j)) j++
  return j
}

/** Punctuation that ends a clause; a decimal point (3.2亿元) does not. */
const endsClause = (f: string, j: number) => CLAUSE_END.test(f[j]) && !(f[j] === '.' && /[0-9]/.test(f[j - 1] ?? '') && /[0-9]/.test(f[j + 1] ?? ''))

/** Everyday words, and names made only of generic parts plus a suffix (AI公司, 多家科技公司). */
function isGeneric(name: string, suffix?: string): boolean {
  if (GENERIC.has(name)) return true
  let rest = suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name
  let whole = name
  for (let changed = true; changed && rest; ) {
    changed = false
    const g = GENERIC_STEMS.find((w) => rest.startsWith(w)) ?? WEAK_WORDS.find((w) => rest.startsWith(w))
    if (g) {
      rest = rest.slice(g.length)
      whole = whole.slice(g.length)
      changed = true
      if (GENERIC.has(whole)) return true // 新子基金
    }
  }
  return rest === '' || /^[0-9.]+$/.test(rest)
}

/** A stem is long enough: two Han characters or two Latin letters, and not digits alone. */
const isNameLike = (s: string) => s.length >= 2 && !/^[0-9.\s]+$/.test(s) && !/[亿万元]$/.test(s) && !/[0-9][万亿千百]?[股元]/.test(s) && !WEEKDAYS.has(s) // 转让300万股: a quantity

function suffixCandidates(f: string, out: Candidate[]): void {
  for (let p = 0; p < f.length; p++) {
    for (const suffix of indexOf(SUFFIXES).first.get(f[p]) ?? []) {
      if (!f.startsWith(suffix, p)) continue
      const end = p + suffix.length
      let start = scanLeft(f, p, 16)
      if (start === null) continue
      // 传翠峰创投领投: 传 (reportedly) is no part of the name when a name is left without it
      const reported = startsAt(f, start, REPORTED)
      if (reported && p - start - reported.length >= 2) start += reported.length
      const stem = f.slice(start, p)
      const name = f.slice(start, end)
      if (suffix === '公司' && endsAt(f, start, COUNTED)) continue // 一家手术机器人公司: a kind of company, not a name
      const blockers = SUFFIX_BLOCKERS.get(suffix)
      if (blockers && startsAt(f, end, blockers)) continue // 控股子公司
      // 由台积电控股: held by, 控股 is the verb and the stem the name
      if (suffix === '控股' && f[start - 1] === '由' && isNameLike(stem) && !isGeneric(stem)) {
        out.push({ start, end: p, type: 'organization', cue: 'suffix', strength: 1 })
        continue
      }
      if (!isNameLike(stem) || isGeneric(name, suffix)) continue
      if (WEAK.has(suffix)) {
        if (startsAt(f, end, WEAK_REJECTIONS)) continue
        if (/[0-9一二三四五六七八九十半成%]$/.test(stem)) continue // 三成股份: a quantity
        if (VERB_SUFFIXES.has(suffix) && /[0-9一二三四五六七八九十数几]/.test(f[end] ?? '')) continue // 岩芯材料投资3000万元: the verb
        if (f[start - 1] === '的') continue // 公司的腔镜手术机器人: a thing described, not a name
        if (endsAt(f, start, MARKETS) || startsAt(f, start, MARKETS)) continue // 面向户外机器人, 布局电池: a market, not a name
        if (descriptorFollows(f, end)) continue // 瑞典电池回收企业Lumenvolt: the words describe the company named after them
        if (endsAt(f, start, COUNTED)) continue // 一家工业软件公司: a kind of company
        if (endsAt(stem, stem.length, SUFFIXES)) continue // 红杉资本投资: 资本's investment
        if (cues.generic_names.some((g) => g.length > suffix.length && name.endsWith(g))) continue // 看好人工智能
      }
      out.push({ start, end, type: 'organization', cue: 'suffix', strength: 2 })
    }
  }
}

/** A category noun (not 公司) within four Han characters after `end`: the words before it are a descriptor. */
function descriptorFollows(f: string, end: number): boolean {
  for (let k = end; k <= end + 4 && k < f.length && isHan(f[k]); k++) {
    const noun = startsAt(f, k, CATEGORY)
    if (noun && noun !== '公司') return true
  }
  return false
}

/** Latin names: runs of words that start with a capital or a digit (or mix case, as iPhone and a16z do). */
function latinCandidates(f: string, cased: string, out: Candidate[]): void {
  for (const m of cased.matchAll(/[A-Za-z0-9][A-Za-z0-9&.+'-]*(?: [A-Za-z0-9][A-Za-z0-9&.+'-]*)*/g)) {
    const words: { start: number; end: number; text: string }[] = []
    let at = m.index
    for (const w of m[0].split(' ')) {
      words.push({ start: at, end: at + w.length, text: w.replace(/[.'-]+$/, '') })
      at += w.length + 1
    }
    // a lower-case word that is neither mixed-case nor alphanumeric ends a name
    const runs: (typeof words)[] = [[]]
    for (const w of words) {
      const nameish = /^[A-Z0-9]/.test(w.text) || /[A-Z]/.test(w.text) || (/[0-9]/.test(w.text) && /[a-z]/i.test(w.text))
      if (nameish) runs[runs.length - 1].push(w)
      else runs.push([])
    }
    for (const run of runs) {
      while (run.length && LATIN_STOP.has(run[0].text.toLowerCase())) run.shift()
      if (!run.length || run.every((w) => LATIN_STOP.has(w.text.toLowerCase()) || !/[a-z]/i.test(w.text))) continue
      const start = run[0].start
      const end = run[run.length - 1].start + run[run.length - 1].text.length
      if (isLatin(f[start - 1]) || isLatin(f[end])) continue
      if (f[end] === '轮' || (f[end] === ' ' && f[end + 1] === '轮')) continue // A1轮, Pre-A 轮: a round, not a name
      const title = endsAt(f, start, TITLES) ?? endsAt(f.slice(0, start).trimEnd(), f.slice(0, start).trimEnd().length, TITLES)
      const type = title && run.length >= 2 ? 'person' : 'organization'
      out.push({ start, end, type, cue: type === 'person' ? 'title' : 'latin', strength: type === 'person' ? 2 : 0 })
    }
  }
}

function quotedCandidates(f: string, out: Candidate[]): void {
  for (let i = 0; i < f.length; i++) {
    const close = QUOTES.get(f[i])
    if (!close) continue
    const end = f.indexOf(close, i + 1)
    if (end < 0 || end - i - 1 < 2 || end - i - 1 > 20) continue
    const inner = f.slice(i + 1, end)
    if (/[,。;:!?，；：！？\n]/.test(inner)) continue
    const product = productCueBefore(f, i)
    const suffix = SUFFIXES.find((s) => inner.endsWith(s) && inner.length > s.length)
    // 据《华东财经》报道: the outlet cited
    const cited = f[i] === '《' && endsAt(f, i, CITED_BEFORE) && startsAt(f, end + 1, CITED_AFTER)
    if (cited) out.push({ start: i + 1, end, type: 'organization', cue: 'quoted', strength: 3 })
    else if (product) out.push({ start: i + 1, end, type: 'product', cue: 'product', strength: 3 })
    else if (suffix && !isGeneric(inner, suffix)) out.push({ start: i + 1, end, type: 'organization', cue: 'quoted', strength: 3 })
    i = end
  }
}

/** A product verb (推出, 发布 …) earlier in the same clause, within 16 characters. */
function productCueBefore(f: string, i: number): boolean {
  const from = Math.max(clauseStart(f, i), i - 16)
  for (let j = i; j >= from; j--) if (endsAt(f, j, PRODUCT_CUES)) return true
  return false
}

/** After 推出/发布: a Latin name, or a model number glued to a Han brand (星衍X1, 曜影M7), is a product. */
function productCandidates(f: string, all: Candidate[], out: Candidate[]): void {
  for (const c of all) {
    if (c.cue !== 'latin' || !productCueBefore(f, c.start)) continue
    let start = c.start
    if (/^[a-z]{1,3}[0-9]{1,4}[a-z]{0,3}$/.test(f.slice(c.start, c.end)) && isHan(f[c.start - 1])) {
      // the brand is the Han word before the model number; with no boundary in sight, its last two characters
      const s = scanLeft(f, c.start, 4)
      start = s !== null && c.start - s >= 2 ? s : isHan(f[c.start - 2]) ? c.start - 2 : c.start
    }
    out.push({ ...c, start, type: 'product', cue: 'product', strength: 3 })
  }
}

/** Exchanges by their short names and ministries (港交所, 经济产业省), with a country just before them. */
function institutionCandidates(f: string, out: Candidate[]): void {
  for (let p = 0; p < f.length; p++) {
    const word = startsAt(f, p, INSTITUTIONS)
    if (!word) continue
    const s = scanLeft(f, p, 3)
    const start = s !== null && p - s >= 2 ? s : p
    out.push({ start, end: p + word.length, type: 'organization', cue: 'institution', strength: 2 })
    p += word.length - 1
  }
}

/**
 * Appositive descriptors: the name is what follows the last category noun (合成生物企业谷芽生物 is 谷芽生物); a
 * candidate that ends in a category noun (具身智能初创, 手术机器人公司 before a name) is a descriptor and is dropped,
 * with every candidate inside it.
 */
function cutDescriptors(f: string, found: Candidate[]): Candidate[] {
  const descriptors: { start: number; end: number }[] = []
  for (const c of found) {
    if (c.type === 'person' || c.cue === 'institution' || /有限(责任)?公司$/.test(f.slice(c.start, c.end))) continue
    for (let j = c.end - 2; j > c.start; j--) {
      const noun = startsAt(f, j, CATEGORY)
      if (!noun || j + noun.length > c.end - 2 || endsAt(f, j, COMPOUNDS)) continue
      const rest = f.slice(j + noun.length, c.end)
      if (!isNameLike(rest) || isGeneric(rest)) continue
      descriptors.push({ start: c.start, end: j + noun.length })
      c.start = j + noun.length
      break
    }
  }
  const startsName = new Set(found.map((c) => c.start))
  for (const c of found) {
    const text = f.slice(c.start, c.end)
    const noun = endsAt(text, text.length, CATEGORY)
    if (!noun || c.type === 'person' || c.cue === 'institution') continue
    if (noun !== '公司' || startsName.has(c.end)) descriptors.push({ start: c.start, end: c.end })
  }
  const inDescriptor = insideOneOf(descriptors)
  return found.filter((c) => !inDescriptor(c.start, c.end) && !(c.cue === 'suffix' && c.end - c.start > 14))
}

/**
 * 由林远创立, 由林远于2019年在苏州创立, 由林远接任, 任命林远出任: a personal name between 由 (or 任命) and a
 * founding or appointment verb, with a date and a place between them or not.
 */
function founderCandidates(f: string, out: Candidate[]): void {
  for (let p = 0; p < f.length; p++) {
    const by = startsAt(f, p, BY_PERSON)
    if (!by) continue
    const start = p + by.length
    const end = chineseNameAt(f, start)
    if (end === null) continue
    const between = /^(?:于(?:[0-9]{4}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}[日号])?)?(?:在[\u4e00-\u9fff]{2,4}?(?=联合创立|共同创立|创立|创办|创建))?/.exec(
      f.slice(end, end + 24),
    )
    const verbAt = end + (between?.[0].length ?? 0)
    if (startsAt(f, verbAt, FOUNDING) || startsAt(f, verbAt, APPOINTING)) out.push({ start, end, type: 'person', cue: 'founder', strength: 2 })
  }
}

/**
 * A list item glued from names the text names elsewhere (阿里腾讯小米 beside 阿里巴巴、腾讯及小米): the item is
 * cut into them when every piece is such a name or the start of one.
 */
function splitGlued(f: string, found: Candidate[]): Candidate[] {
  const out: Candidate[] = []
  let names: NamesByText | undefined
  for (const c of found) {
    const text = f.slice(c.start, c.end)
    if (!c.cue.startsWith('investor') || text.length < 4 || ![...text].every(isHan)) {
      out.push(c)
      continue
    }
    names ??= namesByText(f, found)
    const isPiece = (w: string) => w.length >= 2 && (names as NamesByText).someStartsWith(w, (o) => o !== c && (o.end <= c.start || o.start >= c.end))
    // pieces[i]: a cut of text[i..] into pieces, longest first
    const pieces: (number[] | null)[] = new Array(text.length + 1).fill(null)
    pieces[text.length] = []
    for (let i = text.length - 1; i >= 0; i--)
      for (let j = text.length; j > i + 1; j--) {
        const rest = pieces[j]
        if (rest && isPiece(text.slice(i, j))) {
          pieces[i] = [j, ...rest]
          break
        }
      }
    const cut = pieces[0]
    if (!cut || cut.length < 2) {
      out.push(c)
      continue
    }
    let at = c.start
    for (const j of cut) {
      out.push({ ...c, start: at, end: c.start + j })
      at = c.start + j
    }
  }
  return out
}

type NamesByText = ReturnType<typeof namesByText>
/** The candidates' texts sorted once, for splitGlued: whether a name some other candidate has starts with a piece, by binary search. */
function namesByText(f: string, found: Candidate[]) {
  const sorted = found.map((c) => ({ text: f.slice(c.start, c.end), c })).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
  return {
    someStartsWith(w: string, admit: (c: Candidate) => boolean): boolean {
      let [lo, hi] = [0, sorted.length]
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (sorted[mid].text < w) lo = mid + 1
        else hi = mid
      }
      // the names starting with w follow one another; the few that overlap the item itself are passed over
      for (let k = lo; k < sorted.length && sorted[k].text.startsWith(w); k++) if (admit(sorted[k].c)) return true
      return false
    },
  }
}

/** 由 A、B 领投; A、B和C 跟投; 投资方包括 A、B; 老股东 A 继续跟投. */
function investorCandidates(f: string, out: Candidate[]): void {
  const lists: { from: number; to: number; cue: Cue; exact: boolean }[] = []
  for (let p = 0; p < f.length; p++) {
    const lead = startsAt(f, p, LEAD)
    const follow = lead ? undefined : startsAt(f, p, FOLLOW)
    if (lead || follow) {
      const from = clauseStart(f, p)
      // within the clause only: 由 before it is not this list's
      const inClause = f.slice(from, p + 1).lastIndexOf('由')
      const you = inClause < 0 ? -1 : from + inClause
      const start = lead && you >= from ? you + 1 : from
      lists.push({ from: start, to: p, cue: lead ? 'investor-lead' : 'investor-follow', exact: start !== from })
      p += (lead ?? follow ?? '').length - 1
      continue
    }
    const opener = startsAt(f, p, OPENERS)
    if (opener) {
      const from = p + opener.length
      let to = clauseEnd(f, from)
      // a cue word starting before the end of the clause, looked for there alone
      const cue = FOLLOW.map((w) => f.slice(from, to + w.length - 1).indexOf(w))
        .filter((k) => k >= 0)
        .map((k) => from + k)
      if (cue.length) to = Math.min(...cue)
      lists.push({ from, to, cue: 'investor-list', exact: true })
    }
  }
  for (const list of lists)
    for (const item of splitList(f, list.from, list.to, list.exact)) out.push({ ...item, type: 'organization', cue: list.cue, strength: 1 })
}

/**
 * The names of a list: split at 、和及与以及, trailing particles (等, 的) and leading verbs left out. An item after
 * a separator (or after 由, 包括 when `exact`) starts right there; the first item of a list without an opener is
 * scanned back from its end.
 */
function splitList(f: string, from: number, to: number, exact: boolean): { start: number; end: number }[] {
  const items: { start: number; end: number }[] = []
  let itemStart = from
  let scan = !exact
  const close = (end: number) => {
    let e = end
    for (let again = true; again; ) {
      const p = endsAt(f, e, PARTICLES)
      again = !!p && e - p.length > itemStart
      if (again && p) e -= p.length
    }
    while (e > itemStart && f[e - 1] === ' ') e--
    // 小米等科技企业: the name is what comes before 等
    // searched for inside the item only (a search to the next 等 of the text would cross the whole text per item)
    const inItem = f.slice(itemStart, e).indexOf('等')
    const deng = inItem < 0 ? -1 : itemStart + inItem
    if (deng >= 0 && deng < e && deng - itemStart >= 2 && !scan) e = deng
    let s: number | null = itemStart
    if (scan) s = scanLeft(f, e, 16, itemStart)
    else for (let w = startsAt(f, s, BOUNDARY_WORDS); w && s + w.length < e; w = startsAt(f, s, BOUNDARY_WORDS)) s += w.length
    scan = false
    if (
      s !== null &&
      !(STOP_CHARS.has(f[s]) && !NAME_INITIAL.has(f[s])) &&
      isNameLike(f.slice(s, e)) &&
      !isGeneric(f.slice(s, e)) &&
      ![...f.slice(s, e)].some((c) => CLAUSE_END.test(c))
    )
      items.push({ start: s, end: e })
  }
  for (let i = from; i < to; ) {
    // a separator where an item should start (由和风创投) is the first character of a name
    const sep = startsAt(f, i, SEPARATORS)
    if (sep && (i > itemStart || !NAME_INITIAL.has(sep))) {
      close(i)
      i += sep.length
      itemStart = i
    } else i++
  }
  close(to)
  return items
}

/** The subject of 完成/获得 … 融资: 智谱AI完成B轮融资. */
function recipientCandidates(f: string, out: Candidate[]): void {
  for (const m of f.matchAll(/融资|投资|募资/g)) {
    const from = clauseStart(f, m.index)
    for (let p = m.index - 1; p >= Math.max(from, m.index - 20); p--) {
      const verb = startsAt(f, p, FUNDING_VERBS)
      if (!verb) continue
      let at = p
      for (let again = true; again; ) {
        again = false
        for (let pre = endsAt(f, at, VERB_PREFIXES); pre; pre = endsAt(f, at, VERB_PREFIXES)) at -= pre.length
        // 青木检测于2月17日完成, 禾川储能2023年完成, 栈格物流今年7月曾获得: a date between the subject and its verb
        const date =
          /(?:于|在)?(?:[0-9]{4}年)?(?:[0-9]{1,2}月)?[0-9]{1,2}[日号]$|(?:于|在)?(?:(?:[0-9]{4}|今|去|前)年)?[0-9]{1,2}月(?:份)?$|(?:于|在)?(?:[0-9]{4}|今|去|前)年$|(?:于|在)?(?:周|星期|礼拜)[一二三四五六日天]$/.exec(
            f.slice(from, at),
          )
        if (date) {
          at -= date[0].length
          again = true
        }
      }
      const start = scanLeft(f, at, 16, from)
      if (start !== null && isNameLike(f.slice(start, at)) && !isGeneric(f.slice(start, at)))
        out.push({ start, end: at, type: 'organization', cue: 'funding-recipient', strength: 1 })
      break
    }
  }
}

/** A Han name starting at `start`: up to a stop character, a word that never ends inside a name, a digit or punctuation; null when longer than `max`. */
function nameRightOf(f: string, start: number, max: number): number | null {
  if (startsAt(f, start, BOUNDARY_WORDS)) return null
  let i = start
  while (i < f.length && isHan(f[i]) && !(STOP_CHARS.has(f[i]) && !AMOUNT_STOPS.has(f[i])) && !(i > start && startsAt(f, i, BOUNDARY_WORDS))) {
    if (i - start >= max) return null
    i++
  }
  return i
}

/** The first of `words` in the clause after `from`, within `max` characters. */
function verbAhead(f: string, from: number, words: string[], max: number): { at: number; word: string } | null {
  for (let q = from; q < Math.min(f.length, from + max) && !endsClause(f, q); q++) {
    const word = startsAt(f, q, words)
    if (word) return { at: q, word }
  }
  return null
}

const usable = (name: string) => isNameLike(name) && !isGeneric(name) && !NOT_NAMES.has(name) && !endsAt(name, name.length, NOT_NAME_ENDINGS)

/**
 * Organizations by their place in a construction, with or without a suffix (see entity-cues.json constructions):
 * 入股晶澄光电, 投资了栈桥数据5000万元; 分别向沐禾农业和岩芯材料投资; 被栈桥数据收购; 栈格物流旗下的栈格冷链;
 * 由栈格物流全资持有; 阿里巴巴为领投方; 工业软件公司驰曜并不相关 (a name right after a descriptor).
 */
function constructionCandidates(f: string, out: Candidate[]): void {
  const push = (start: number, end: number, cue: Cue) => {
    if (usable(f.slice(start, end))) out.push({ start, end, type: 'organization', cue, strength: 1 })
  }
  const pushList = (from: number, to: number, cue: Cue) => {
    for (const item of splitList(f, from, to, true)) push(item.start, item.end, cue)
  }
  for (let p = 0; p < f.length; p++) {
    const bought = startsAt(f, p, ACQUIRE_OBJECTS)
    if (bought) {
      const start = p + bought.length
      const end = nameRightOf(f, start, 16)
      if (end !== null) push(start, end, 'investee')
    }
    const object = startsAt(f, p, OBJECT_VERBS)
    if (object) {
      const start = p + object.length
      const end = nameRightOf(f, start, 16)
      if (end !== null) push(start, end, 'investee')
    }
    if (f[p] === '向') {
      const verb = verbAhead(f, p + 1, TO_VERBS, 24)
      if (verb) pushList(p + 1, verb.at, 'investee')
    }
    if (f[p] === '对') {
      const verb = verbAhead(f, p + 1, DUI_VERBS, 20)
      let to = verb?.at ?? -1
      for (let w = endsAt(f, to, DUI_BETWEEN); verb && w && to - w.length > p + 1; w = endsAt(f, to, DUI_BETWEEN)) to -= w.length
      if (verb) pushList(p + 1, to, 'investee')
    }
    if (f[p] === '被') {
      const verb = verbAhead(f, p + 1, PASSIVE_VERBS, 16)
      if (verb) pushList(p + 1, verb.at, 'acquirer')
    }
    if (f[p] === '由') {
      const verb = verbAhead(f, p + 1, HELD_VERBS, 16)
      if (verb) pushList(p + 1, verb.at, 'holder')
    }
    // the owner before 旗下 has no left edge but a suffix (将补助台积电旗下): only the owned name is read here
    const owner = startsAt(f, p, OWNER_WORDS)
    if (owner) {
      const end = nameRightOf(f, p + owner.length, 10)
      if (end !== null) push(p + owner.length, end, 'owner')
      p += owner.length - 1
      continue
    }
    const copula = startsAt(f, p, LEAD_COPULAS)
    if (copula) {
      const start = scanLeft(f, p, 12, clauseStart(f, p))
      if (start !== null) push(start, p, 'investor-lead')
    }
    const noun = startsAt(f, p, DESCRIPTOR_NOUNS)
    // the noun ends a descriptor: not the tail of a longer category noun (初创企业) nor of a legal form (股份有限公司)
    const inside = (q: number) => [1, 2, 3].some((k) => (startsAt(f, p - k, CATEGORY)?.length ?? 0) > k) || (endsAt(f, q, LEGAL_FORMS)?.length ?? 0) > q - p
    if (noun && !startsAt(f, p + noun.length, CATEGORY) && !LOCATIVES.has(f[p + noun.length]) && !inside(p + noun.length)) {
      const q = p + noun.length
      const s = scanLeft(f, p, 8)
      const end = nameRightOf(f, q, 4)
      const described = s !== null && p - s >= 2 && [...f.slice(s, p)].every(isHan) && !endsAt(f, s, COUNTED)
      const verb = startsAt(f, q, AFTER_NAME) ?? startsAt(f, q, FOUNDING) ?? startsAt(f, q, PRODUCT_CUES)
      if (described && !verb && end !== null && end - q >= 2 && startsAt(f, end, NAME_FOLLOWERS)) push(q, end, 'descriptor')
    }
  }
}

/** What follows a personal name: a verb or punctuation (strong), else a function character such as 在 (weak). */
const nameEnd = (f: string, i: number): 'strong' | 'weak' | null => {
  if (i >= f.length || !isNameChar(f[i]) || startsAt(f, i, AFTER_NAME) || startsAt(f, i, SUFFIXES)) return 'strong'
  return STOP_CHARS.has(f[i]) ? 'weak' : null
}

/**
 * A 2–3 character Chinese name (3–4 with a two-character surname) starting at `start`: the longest followed by a
 * verb or punctuation, else the longest followed by a function character (周正认为 is 周正, then 认为).
 */
function chineseNameAt(f: string, start: number): number | null {
  const surname = startsAt(f, start, SURNAMES)
  if (!surname) return null
  for (const wanted of ['strong', 'weak'])
    for (const given of [2, 1]) {
      const end = start + surname.length + given
      const name = f.slice(start, end)
      if (end > f.length || ![...name].every(isHan) || [...name.slice(surname.length)].some((c) => STOP_CHARS.has(c))) continue
      if (!GENERIC.has(name) && nameEnd(f, end) === wanted) return end
    }
  return null
}

function personCandidates(f: string, out: Candidate[]): void {
  // 埃隆·马斯克
  for (let i = f.indexOf('·'); i >= 0; i = f.indexOf('·', i + 1)) {
    if (!isHan(f[i - 1]) || !isHan(f[i + 1])) continue
    const start = scanLeft(f, i, 4)
    let end = scanRight(f, i + 1, 6)
    while (f[end] === '·' && isHan(f[end + 1])) end = scanRight(f, end + 1, 6)
    if (start !== null && start < i) out.push({ start, end, type: 'person', cue: 'transliteration', strength: 2 })
  }
  // 创始人兼CEO王小川; 工程师沈曼 (a profession: the words before it describe the person, they name no employer)
  for (let p = 0; p < f.length; p++) {
    const office = startsAt(f, p, TITLES)
    const title = office ?? startsAt(f, p, PROFESSIONS)
    if (!title) continue
    const at = f[p + title.length] === ' ' ? p + title.length + 1 : p + title.length
    const end = chineseNameAt(f, at)
    if (end !== null) {
      out.push({ start: at, end, type: 'person', cue: 'title', strength: 2 })
      // 搜狗前行政总裁王小川: the organization before a title and a name is the person's employer
      let q = p
      for (const w of ['前', '原', '现任', '首任']) if (endsAt(f, q, [w])) q -= w.length
      const s = office ? scanLeft(f, q, 6) : null
      if (s !== null && isNameLike(f.slice(s, q)) && !isGeneric(f.slice(s, q)) && [...f.slice(s, q)].every(isHan))
        out.push({ start: s, end: q, type: 'organization', cue: 'employer', strength: 0 })
    }
    p += title.length - 1
  }
  // 王小川表示
  for (let p = 1; p < f.length; p++) {
    const verb = startsAt(f, p, SPEECH)
    if (!verb || (verb === '称' && NOT_SPEECH_BEFORE_CHENG.has(f[p - 1]))) continue
    for (const len of [4, 3, 2]) {
      const start = p - len
      if (start < 0) continue
      const boundary = start === 0 || !isNameChar(f[start - 1]) || STOP_CHARS.has(f[start - 1]) || !!endsAt(f, start, BOUNDARY_WORDS)
      if (boundary && chineseNameAt(f, start) === p) {
        out.push({ start, end: p, type: 'person', cue: 'speech', strength: 1 })
        break
      }
    }
  }
}

/** Keeps the longest of overlapping candidates (then the strongest cue, then the earliest). */
function resolve(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || b.strength - a.strength || a.start - b.start || (a.cue < b.cue ? -1 : 1))
  const kept: Candidate[] = []
  // the kept candidates never overlap: which units they cover answers "does c overlap one" in c's length
  const covered = new Uint8Array(candidates.reduce((n, c) => Math.max(n, c.end), 0) + 1)
  for (const c of sorted) {
    let free = true
    for (let i = c.start; i < c.end && free; i++) free = covered[i] === 0
    if (c.start === c.end) free = !kept.some((k) => k.start < c.end && c.start < k.end)
    if (!free) continue
    kept.push(c)
    covered.fill(1, c.start, c.end)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/** Latin glosses in parentheses right after a name: 亚马逊云科技(AWS). */
function glosses(f: string): Map<number, { start: number; end: number; parenEnd: number }> {
  const out = new Map<number, { start: number; end: number; parenEnd: number }>()
  for (const m of f.matchAll(/\(\s*([a-z][a-z0-9 .&'-]{0,40}?)\s*\)/g)) {
    if (!isNameChar(f[m.index - 1]) || m[1].split(' ').every((w) => LATIN_STOP.has(w))) continue
    const start = m.index + m[0].indexOf(m[1])
    out.set(m.index, { start, end: start + m[1].length, parenEnd: m.index + m[0].length })
  }
  return out
}

export function slug(s: string): string {
  return s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** Pinyin of a simplified name: syllables (Latin runs kept), surname read as a surname for people. */
function romanize(name: string, type: EntityType): { id: string; en: string } {
  const parts = name
    .split('·')
    .map((part) => pinyin(part, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true, surname: type === 'person' ? 'head' : 'off' }))
  if (type === 'person' && parts.length === 1) {
    const [syllables] = parts
    const surnameLength = SURNAMES.find((s) => name.startsWith(s))?.length ?? 1
    const family = syllables.slice(0, surnameLength).join('')
    const given = syllables.slice(surnameLength).join('')
    return { id: slug(`${family}-${given}`), en: `${capitalize(family)} ${capitalize(given)}`.trim() }
  }
  if (type === 'person') return { id: slug(parts.map((p) => p.join('')).join('-')), en: parts.map((p) => capitalize(p.join(''))).join(' ') }
  const syllables = parts.flat()
  return { id: slug(syllables.join('-')), en: syllables.map(capitalize).join(' ') }
}

/** The id discovery gives a name seen only in Chinese (its simplified form): the cross-source matcher names merged entities by it. */
export function romanizedId(nameZh: string, type: EntityType): string {
  return romanize(simplifyChinese(nameZh), type).id
}

const toKnown = (known: KnownNames) => (known instanceof Set ? (f: string) => known.has(f) : (f: string) => known.isKnown(f))

interface Group {
  forms: Set<string>
  members: { c: Candidate; folded: string; simplified: string; written: string }[]
  gloss?: string
}

/** Proposals for the names in `text` that `known` does not hold; see the header for the cues and rules. */
export function discoverEntities(text: string, known: KnownNames): EntityProposal[] {
  const isKnown = toKnown(known)
  const simplified = toSimplified(text)
  // an emoji is no part of a name: two placeholder units keep the offsets
  const f = foldText(simplified).replace(/[\ud800-\ud83f\ud8c0-\udbff][\udc00-\udfff]/g, '\ufffd\ufffd')
  const shown = (start: number, end: number) => simplified.slice(start, end).normalize('NFKC')

  const found: Candidate[] = []
  suffixCandidates(f, found)
  latinCandidates(f, simplified, found)
  quotedCandidates(f, found)
  investorCandidates(f, found)
  recipientCandidates(f, found)
  constructionCandidates(f, found)
  personCandidates(f, found)
  founderCandidates(f, found)
  institutionCandidates(f, found)
  productCandidates(f, found, found)
  const cut = splitGlued(f, cutDescriptors(f, found))
  found.length = 0
  // one at a time: a spread of a dense article's candidates overflows the call stack
  for (const c of cut) found.push(c)

  // a name with a gloss: the candidate ending at the parenthesis, or one scanned back from it
  const glossAt = glosses(f)
  const inGloss = insideOneOf([...glossAt.entries()].map(([at, g]) => ({ start: at, end: g.parenEnd })))
  const insideGloss = (c: Candidate) => inGloss(c.start, c.end)
  let kept = resolve(found.filter((c) => !insideGloss(c)))
  const keptEnds = new Set(kept.map((c) => c.end))
  for (const [at] of glossAt) {
    if (keptEnds.has(at)) continue
    const start = scanLeft(f, at, 16)
    if (start !== null && isNameLike(f.slice(start, at)) && /[\u3400-\u9fff]/.test(f.slice(start, at)))
      found.push({ start, end: at, type: f.slice(start, at).includes('·') ? 'person' : 'organization', cue: 'gloss', strength: 0 })
  }
  kept = resolve(cutDescriptors(f, found).filter((c) => !insideGloss(c)))
  for (const c of kept) if (glossAt.has(c.end)) c.gloss = glossAt.get(c.end)

  // a name the list knows blocks shorter names inside it, and is then left out; 腾讯公司 is 腾讯 with an alias
  const isKnownName = (folded: string, original: string) => isKnown(folded) || isKnown(foldText(original))
  const groups: Group[] = []
  // which group holds each form, and each group's place in `groups`, so a candidate finds its groups without a pass over all of them
  const groupOf = new Map<string, Group>()
  const serial = new Map<Group, number>()
  for (const c of kept) {
    let folded = f.slice(c.start, c.end)
    const written = text.slice(c.start, c.end)
    if (isKnownName(folded, written)) continue
    const legal = c.type === 'organization' && folded.endsWith('公司') && !folded.endsWith('有限公司') ? '公司' : null
    const stem = legal ? folded.slice(0, -legal.length) : folded
    if (legal && (isKnown(stem) || stem.length < 2)) continue
    const glossText = c.gloss ? shown(c.gloss.start, c.gloss.end) : undefined
    if (glossText && isKnown(foldText(glossText))) continue
    folded = stem
    const forms = new Set([folded, f.slice(c.start, c.end), ...(glossText ? [foldText(glossText)] : [])])
    const member = { c, folded, simplified: shown(c.start, c.start + folded.length), written }
    const hits = [...new Set([...forms].flatMap((x) => groupOf.get(x) ?? []))].sort((a, b) => (serial.get(a) as number) - (serial.get(b) as number))
    const group: Group = hits[0] ?? { forms: new Set(), members: [] }
    if (!hits.length) {
      serial.set(group, serial.size)
      groups.push(group)
    }
    for (const other of hits.slice(1)) {
      for (const x of other.forms) group.forms.add(x)
      for (const m of other.members) group.members.push(m)
      group.gloss ??= other.gloss
      serial.delete(other)
    }
    for (const x of group.forms) groupOf.set(x, group)
    for (const x of forms) {
      group.forms.add(x)
      groupOf.set(x, group)
    }
    group.members.push(member)
    if (glossText) group.gloss ??= glossText
  }

  const toCodePoint = codePointIndexer(text)
  const live = groups.filter((g) => serial.has(g))
  const repeats = repeatFinder(f, kept)
  const proposals = live.map((g) => propose(g, f, text, repeats))
  const ids = new Map<string, number>()
  for (const p of proposals) {
    const n = (ids.get(p.entity_id) ?? 0) + 1
    ids.set(p.entity_id, n)
    if (n > 1) p.entity_id = `${p.entity_id}-${n}`
  }
  return proposals
    .map((p) => ({ ...p, occurrences: p.occurrences.map((o) => ({ ...o, start: toCodePoint(o.start), end: toCodePoint(o.end) })) }))
    .sort((a, b) => a.occurrences[0].start - b.occurrences[0].start)
}

/**
 * For propose: every occurrence of a form from the substring index of the folded text (no scan of the
 * text per form), the units the kept candidates cover (they never overlap one another), and a stamp per
 * unit of the group whose occurrences cover it (one group at a time).
 */
function repeatFinder(f: string, kept: Candidate[]) {
  const index = new SubstringIndex(f)
  const covered = new Uint8Array(f.length + 1)
  for (const k of kept) covered.fill(1, k.start, k.end)
  const stamp = new Int32Array(f.length + 1)
  let group = 0
  const any = (from: number, to: number, hit: (i: number) => boolean) => {
    for (let i = from; i < to; i++) if (hit(i)) return true
    return false
  }
  return {
    occurrences: (form: string) => index.occurrences(form),
    nextGroup: () => ++group,
    /** whether [from, to) overlaps a kept candidate or an occurrence this group already has */
    taken: (from: number, to: number) => any(from, to, (i) => covered[i] === 1 || stamp[i] === group),
    take: (from: number, to: number) => stamp.fill(group, from, to),
  }
}

function propose(g: Group, f: string, text: string, repeats: ReturnType<typeof repeatFinder>): EntityProposal {
  g.members.sort((a, b) => a.c.start - b.c.start)
  const ranked = [...g.members].sort((a, b) => b.c.strength - a.c.strength || a.c.start - b.c.start)
  const type = ranked[0].c.type
  const han = g.members.find((m) => /[\u3400-\u9fff]/.test(m.folded))
  const latin = g.members.find((m) => !/[\u3400-\u9fff]/.test(m.folded))
  const name_zh = han ? han.simplified : null
  const latinName = g.gloss ?? latin?.simplified
  const romanized = name_zh ? romanize(name_zh, type) : null
  const name_en = latinName ?? romanized?.en ?? ''
  const entity_id = latinName ? slug(latinName) : (romanized?.id ?? '')
  const seen = [...g.members.flatMap((m) => [m.written, m.simplified]), ...(g.gloss ? [g.gloss] : [])]
  const aliases = [...new Set(seen)].filter((a) => a !== name_zh && (a !== name_en || a === g.gloss))

  const occurrences: { start: number; end: number; text: string; cue: Cue }[] = g.members.map((m) => ({
    start: m.c.start,
    end: m.c.end,
    text: text.slice(m.c.start, m.c.end),
    cue: m.c.cue,
  }))
  for (const m of g.members)
    if (m.c.gloss) occurrences.push({ start: m.c.gloss.start, end: m.c.gloss.end, text: text.slice(m.c.gloss.start, m.c.gloss.end), cue: 'gloss' })
  repeats.nextGroup()
  for (const o of occurrences) repeats.take(o.start, o.end)
  for (const form of [...g.forms].sort((a, b) => b.length - a.length)) {
    for (const i of repeats.occurrences(form)) {
      const end = i + form.length
      if (/^[a-z0-9]/.test(form) && (isLatin(f[i - 1]) || isLatin(f[end]))) continue
      if (repeats.taken(i, end)) continue
      occurrences.push({ start: i, end, text: text.slice(i, end), cue: 'repeat' })
      repeats.take(i, end)
    }
  }
  occurrences.sort((a, b) => a.start - b.start)
  return { entity_id, entity_type: type, name_zh, name_en, aliases, occurrences }
}
