/**
 * generate-corpus: a synthetic corpus of Chinese news-style articles with known answers, for the
 * benchmark. From a fixed seed it writes N article folders (article.txt, source.json,
 * annotations.yaml unless --tier machine), an entity list, and truth.jsonl: every fact it planted (funding amounts and
 * currencies, dates of every precision, valuations, revenue), with the offsets of its texts, so the benchmark can score the pipeline.
 * The templates vary: seven constructions of a funding flow (lead and follower investors, 独家投资, investors in a
 * sentence of their own, 获得Y的投资, Y向X投资, 投资方包括), several flows per article (分别向A和B投资, another company's
 * round), exact, approximate and vague amounts (数千万元, 近亿元, 超过1亿美元, 3000多万元), dates relative to the publication
 * (今年3月, 去年底, 上个月), numbers that are no fact (head counts, shares), and a quarter of the articles in traditional
 * characters as Hong Kong and Taiwan outlets write them (opencc-js, where a bare 元 is HKD or TWD).
 *   node --import tsx pipeline/bench/generate-corpus.ts --n 1000 --out out/bench/n1000 [--seed 20230317] [--tier annotated|machine]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as OpenCC from 'opencc-js'
import { stringify } from 'yaml'
import { isMain, log } from '../store/run.ts'
import words from './corpus-words.json' with { type: 'json' }

/** mulberry32: a small, fast, seedable PRNG; the same seed always gives the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Money {
  text: string
  amount: number | null
  currency: string
  qualifier: string
  low?: number
  high?: number
}
export interface When {
  text: string
  start: string
  end: string
  precision: string
}
/** How an article is written: simplified characters, or traditional as a Hong Kong or a Taiwan outlet writes them. */
export type Script = 'simplified' | 'hk' | 'tw'
export interface Truth {
  source_id: string
  kind: 'funding' | 'metric' | 'event'
  id: string
  money?: Money
  when?: When
  /** The entity that gets the money (funding), is measured (metric) or is founded (event). */
  subject: string
  /** metric only */
  measure?: 'valuation' | 'revenue'
  /** The sentence construction that planted the fact (CONSTRUCTIONS, or founded, valuation, revenue). */
  construction: string
  script: Script
  /** UTF-16 offsets in article.txt of money.text and when.text: the planted text is there, verbatim. */
  money_at?: number
  when_at?: number
}

/** The currency a bare 元 means at this point of the article: the locale's, until a 元 currency is named (港元, 新台币, 人民币). */
interface Yuan {
  currency: string
}
interface MoneyForm {
  make: (r: () => number, yuan: Yuan) => Money
  /** the form names a 元 currency: a bare 元 after it means that currency (the money normalizer's rule) */
  names?: boolean
  /** only in articles of these scripts */
  scripts?: Script[]
}
const CJK_DIGITS = ['', '一', '两', '三', '四', '五', '六', '七', '八', '九']
/** Amounts as the development corpus writes them: exact, approximate, open and vague (数千万元, 近亿元, 超过1亿美元, 3000多万元). */
const MONEY: MoneyForm[] = [
  {
    make: (r) => {
      const n = 1 + Math.floor(r() * 9)
      return { text: `${n}000万美元`, amount: n * 1e7, currency: 'USD', qualifier: 'exact' }
    },
  },
  {
    make: (r) => {
      const n = (10 + Math.floor(r() * 90)) / 10
      return { text: `${n}亿元人民币`, amount: Math.round(n * 1e9) / 10, currency: 'CNY', qualifier: 'exact' }
    },
    names: true,
  },
  {
    make: (r) => {
      const n = 2 + Math.floor(r() * 8)
      return { text: `${n}亿港元`, amount: n * 1e8, currency: 'HKD', qualifier: 'exact' }
    },
    names: true,
  },
  {
    make: (r) => {
      const n = 20 + Math.floor(r() * 80)
      return { text: `${n}万欧元`, amount: n * 1e4, currency: 'EUR', qualifier: 'exact' }
    },
  },
  {
    make: (r) => {
      const n = 10 + Math.floor(r() * 90)
      return { text: `${n}亿日元`, amount: n * 1e8, currency: 'JPY', qualifier: 'exact' }
    },
  },
  {
    make: (r, yuan) => {
      const n = 3 + Math.floor(r() * 6)
      return { text: `${n}千万元`, amount: n * 1e7, currency: yuan.currency, qualifier: 'exact' }
    },
  },
  {
    make: (r) => {
      const n = 1 + Math.floor(r() * 9)
      return { text: `${n}500万英镑`, amount: n * 1e7 + 5e6, currency: 'GBP', qualifier: 'exact' }
    },
  },
  {
    make: (r) => {
      const n = 2 + Math.floor(r() * 8)
      return { text: `${CJK_DIGITS[n]}千万美元`, amount: n * 1e7, currency: 'USD', qualifier: 'exact' }
    },
  },
  {
    make: (r) => {
      const n = 1 + Math.floor(r() * 5)
      return { text: `约${n}亿美元`, amount: n * 1e8, currency: 'USD', qualifier: 'about' }
    },
  },
  {
    make: (r, yuan) => {
      const n = 2 + Math.floor(r() * 9)
      return { text: `超过${n}0亿元`, amount: n * 1e9, currency: yuan.currency, qualifier: 'over' }
    },
  },
  {
    make: (r) => {
      const n = 1 + Math.floor(r() * 3)
      return { text: `超过${n}亿美元`, amount: n * 1e8, currency: 'USD', qualifier: 'over' }
    },
  },
  {
    make: (r, yuan) => {
      const n = 2 + Math.floor(r() * 8)
      return { text: `逾${n}000万元`, amount: n * 1e7, currency: yuan.currency, qualifier: 'over' }
    },
  },
  { make: (_, yuan) => ({ text: '近亿元', amount: 1e8, currency: yuan.currency, qualifier: 'under' }) },
  {
    make: (r, yuan) => {
      const n = 1 + Math.floor(r() * 8)
      return { text: `${n}000多万元`, amount: n * 1e7, currency: yuan.currency, qualifier: 'over', low: n * 1e7, high: (n + 1) * 1e7 }
    },
  },
  { make: () => ({ text: '数千万美元', amount: null, currency: 'USD', qualifier: 'about', low: 1e7, high: 1e8 }) },
  { make: (_, yuan) => ({ text: '数千万元', amount: null, currency: yuan.currency, qualifier: 'about', low: 1e7, high: 1e8 }) },
  { make: (_, yuan) => ({ text: '数亿元', amount: null, currency: yuan.currency, qualifier: 'about', low: 1e8, high: 1e9 }) },
  { make: () => ({ text: '数百万美元', amount: null, currency: 'USD', qualifier: 'about', low: 1e6, high: 1e7 }) },
  {
    make: (r) => {
      const n = 2 + Math.floor(r() * 8)
      return { text: `新台币${n}亿元`, amount: n * 1e8, currency: 'TWD', qualifier: 'exact' }
    },
    names: true,
    scripts: ['tw'],
  },
]
/** Valuations: exact amounts only (an open valuation, 超过…, is the same construction). */
const VALUATION = [0, 1, 2, 3, 5]

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
interface Ymd {
  y: number
  m: number
  d: number
}
const monthWhen = (text: string, y: number, m: number): When => ({
  text,
  start: `${y}-${pad(m)}-01`,
  end: `${y}-${pad(m)}-${lastDay(y, m)}`,
  precision: 'month',
})
const yearWhen = (text: string, y: number): When => ({ text, start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' })
/** Dates of eight precisions, and dates relative to the publication day (今年3月, 去年底, 上个月, 去年), all on or before it. */
const WHEN: ((r: () => number, published: Ymd) => When)[] = [
  (r) => {
    const y = 2015 + Math.floor(r() * 9)
    const m = 1 + Math.floor(r() * 12)
    const d = 1 + Math.floor(r() * 28)
    return { text: `${y}年${m}月${d}日`, start: `${y}-${pad(m)}-${pad(d)}`, end: `${y}-${pad(m)}-${pad(d)}`, precision: 'day' }
  },
  (r) => {
    const y = 2015 + Math.floor(r() * 9)
    const m = 1 + Math.floor(r() * 12)
    return monthWhen(`${y}年${m}月`, y, m)
  },
  (r) => {
    const y = 2015 + Math.floor(r() * 9)
    return { text: `${y}年底`, start: `${y}-11-01`, end: `${y}-12-31`, precision: 'part_of_year' }
  },
  (r) => {
    const y = 2015 + Math.floor(r() * 9)
    return { text: `${y}年初`, start: `${y}-01-01`, end: `${y}-${'02'}-${lastDay(y, 2)}`, precision: 'part_of_year' }
  },
  (r) => {
    const y = 2015 + Math.floor(r() * 9)
    return { text: `${y}年上半年`, start: `${y}-01-01`, end: `${y}-06-30`, precision: 'half_year' }
  },
  (r) => {
    const y = 2015 + Math.floor(r() * 9)
    const q = 1 + Math.floor(r() * 4)
    return {
      text: `${y}年第${'一二三四'[q - 1]}季度`,
      start: `${y}-${pad(q * 3 - 2)}-01`,
      end: `${y}-${pad(q * 3)}-${lastDay(y, q * 3)}`,
      precision: 'quarter',
    }
  },
  (r) => {
    const y = 2015 + Math.floor(r() * 9)
    const m = 1 + Math.floor(r() * 12)
    return { text: `${y}年${m}月下旬`, start: `${y}-${pad(m)}-21`, end: `${y}-${pad(m)}-${lastDay(y, m)}`, precision: 'part_of_month' }
  },
  (r) => {
    const y = 2015 + Math.floor(r() * 9)
    return yearWhen(`${y}年`, y)
  },
  (r, p) => {
    const m = 1 + Math.floor(r() * p.m)
    return monthWhen(`今年${m}月`, p.y, m)
  },
  (_, p) => ({ text: '去年底', start: `${p.y - 1}-11-01`, end: `${p.y - 1}-12-31`, precision: 'part_of_year' }),
  (_, p) => (p.m === 1 ? monthWhen('上个月', p.y - 1, 12) : monthWhen('上个月', p.y, p.m - 1)),
  (_, p) => yearWhen('去年', p.y - 1),
]
const FOUNDED_WHEN = 7

function pick<T>(r: () => number, list: T[]): T {
  return list[Math.floor(r() * list.length)]
}

/**
 * `annotated`: each article gets the annotations.yaml that states its planted facts (the reviewed tier);
 * `machine`: no annotations at all, so entity discovery and the funding drafts run on every article (the machine tier).
 */
export type Tier = 'annotated' | 'machine'

/** One sentence of an article, with where its planted money and time texts are (UTF-16 offsets in the sentence). */
interface Sentence {
  text: string
  marks: { at: number; of: Money | When }[]
  /** offset in article.txt, once the article is laid out */
  at: number
}
function sentence(strings: TemplateStringsArray, ...values: (string | Money | When)[]): Sentence {
  let text = strings[0]
  const marks: Sentence['marks'] = []
  values.forEach((v, k) => {
    if (typeof v !== 'string') marks.push({ at: text.length, of: v })
    text += (typeof v === 'string' ? v : v.text) + strings[k + 1]
  })
  return { text, marks, at: -1 }
}
const plain = (text: string): Sentence => ({ text, marks: [], at: -1 })

interface Flow {
  recipient: { name: string; id: string }
  money: Money
  when: When
  round: string
  lead: { name: string; id: string }
  follower: { name: string; id: string }
}
interface Planted {
  /** sentences of one line (a paragraph) */
  line: Sentence[]
  /** the evidence of each flow planted, in order */
  evidence: Sentence[][]
  /** funders of each flow as annotations.yaml states them */
  funders: { entity: string; lead?: boolean }[][]
  /** set when the evidence holds more than one amount */
  amountQuote?: boolean
}
/**
 * Sentence constructions of one funding flow, in the ways the development corpus writes them (in the generator's own
 * words): lead and follower investors, 独家投资, investors in a sentence of their own, 获得Y的投资, Y向X投资, 投资方包括.
 */
const CONSTRUCTIONS: Record<string, (f: Flow) => Planted> = {
  'completed-led': (f) => {
    const s = sentence`${f.when}，${f.recipient.name}宣布完成${f.money}${f.round}融资，由${f.lead.name}领投。`
    return { line: [s], evidence: [[s]], funders: [[{ entity: f.lead.id, lead: true }]] }
  },
  'led-and-followed': (f) => {
    const s = sentence`${f.when}，${f.recipient.name}宣布完成${f.money}${f.round}融资，由${f.lead.name}领投，${f.follower.name}跟投。`
    return {
      line: [s],
      evidence: [[s]],
      funders: [
        [
          { entity: f.lead.id, lead: true },
          { entity: f.follower.id, lead: false },
        ],
      ],
    }
  },
  'obtained-sole': (f) => {
    const s = sentence`${f.recipient.name}于${f.when}获得${f.money}${f.round}融资，${f.lead.name}独家投资。`
    return { line: [s], evidence: [[s]], funders: [[{ entity: f.lead.id, lead: true }]] }
  },
  'investors-apart': (f) => {
    const a = sentence`${f.when}，${f.recipient.name}完成${f.round}融资，金额为${f.money}。`
    const b = plain(`本轮融资由${f.lead.name}领投，${f.follower.name}参投。`)
    return {
      line: [a, b],
      evidence: [[a, b]],
      funders: [
        [
          { entity: f.lead.id, lead: true },
          { entity: f.follower.id, lead: false },
        ],
      ],
    }
  },
  'received-from': (f) => {
    const s = sentence`${f.when}，${f.recipient.name}获得${f.lead.name}的${f.money}${f.round}投资。`
    return { line: [s], evidence: [[s]], funders: [[{ entity: f.lead.id }]] }
  },
  'invested-in': (f) => {
    const s = sentence`${f.when}，${f.lead.name}向${f.recipient.name}投资${f.money}。`
    return { line: [s], evidence: [[s]], funders: [[{ entity: f.lead.id }]] }
  },
  'investor-list': (f) => {
    const s = sentence`${f.recipient.name}在${f.when}完成${f.money}${f.round}融资，投资方包括${f.lead.name}和${f.follower.name}。`
    return { line: [s], evidence: [[s]], funders: [[{ entity: f.lead.id }, { entity: f.follower.id }]] }
  },
}
const CONSTRUCTION_NAMES = Object.keys(CONSTRUCTIONS)

/** Numbers that are no planted fact (head counts, shares, generations), to tempt the money reader. */
const DISTRACTORS: ((r: () => number) => string)[] = [
  (r) => `公司目前拥有员工${50 + Math.floor(r() * 900)}人，其中研发人员占比${20 + Math.floor(r() * 60)}%。`,
  (r) => `其第${2 + Math.floor(r() * 5)}代产品已进入${3 + Math.floor(r() * 40)}座城市，复购率约为${10 + Math.floor(r() * 80)}%。`,
  (r) => `创始团队共有${3 + Math.floor(r() * 6)}人，平均从业年限超过${5 + Math.floor(r() * 10)}年。`,
]

/** opencc-js converters, made on first use (making one takes a second or two); fillers are converted once. */
const converters = new Map<Script, (s: string) => string>()
function converter(script: 'hk' | 'tw'): (s: string) => string {
  const known = converters.get(script)
  if (known) return known
  const convert = OpenCC.Converter({ from: 'cn', to: script })
  converters.set(script, convert)
  return convert
}
const convertCache = new Map<string, string>()
function toScript(text: string, script: Script, cache = false): string {
  if (script === 'simplified') return text
  const key = `${script}|${text}`
  const known = cache ? convertCache.get(key) : undefined
  if (known !== undefined) return known
  const out = converter(script as 'hk' | 'tw')(text)
  // offsets must hold: opencc-js maps one UTF-16 unit to one for these texts
  if (out.length !== text.length)
    throw new Error(`generate-corpus: converting "${text}" to ${script} changed its length (found ${out.length}, expected ${text.length})`)
  if (cache) convertCache.set(key, out)
  return out
}

/** A quote of the article, with occurrence when its text is there more than once (annotations.schema.json). */
function quoteAt(text: string, quote: string, at: number): { quote: string; occurrence?: number } {
  let n = 0
  let total = 0
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    total++
    if (i <= at) n = total
  }
  return total > 1 ? { quote, occurrence: n } : { quote }
}

/** Articles per pool of 300 companies (companyNames). */
export const ARTICLES_PER_POOL = 10_000

/**
 * The companies of a corpus of n articles: the 300 of the word lists (head and tail: 星辰科技) up to 10,000 articles, and
 * 300 more for every 10,000 after that, with a middle between head and tail (星辰华科技; past 20 pools two: 星辰华华科技).
 * A fixed pool would put every company in more articles as the corpus grows, and the rounds of one company and one round
 * name within a month would be matched across articles as one round (README, "Matching across sources"): recall would
 * fall with n for a reason of the generator's own. Corpora of up to 10,000 articles are the same as with the fixed pool.
 * Throws if a name is inside another company's or an investor's (the entity matcher would see both).
 */
export function companyNames(n: number, investors: string[] = investorNames()): string[] {
  const pools = Math.max(1, Math.ceil(n / ARTICLES_PER_POOL))
  const names: string[] = []
  for (let p = 0; p < pools; p++) {
    const middle = p === 0 ? '' : middleOf(p - 1)
    for (const h of words.company_heads) for (const t of words.company_tails) names.push(`${h}${middle}${t}`)
  }
  const all = new Set([...names, ...investors])
  for (const name of all)
    for (let i = 0; i < name.length; i++)
      for (let j = i + 2; j <= name.length; j++) {
        const part = name.slice(i, j)
        if (part !== name && all.has(part)) throw new Error(`generate-corpus: the name "${name}" holds the name "${part}" (expected no name inside another)`)
      }
  return names
}

/** The investors: head and tail (红杉资本). */
export function investorNames(): string[] {
  return words.investor_heads.flatMap((h) => words.investor_tails.map((t) => `${h}${t}`))
}

/** The k-th middle (from 0): the middles in order, then pairs of them, as bijective base-20 numerals. */
function middleOf(k: number): string {
  const m = words.company_middles
  let s = ''
  for (let x = k; x >= 0; x = Math.floor(x / m.length) - 1) s = m[x % m.length] + s
  return s
}

export function generate(n: number, out: string, seed = 20230317, tier: Tier = 'annotated'): { bytes: number; facts: number } {
  const r = prng(seed)
  const investors = investorNames()
  const companies = companyNames(n, investors)
  const slug = (kind: string, i: number) => `${kind}-${String(i + 1).padStart(3, '0')}`
  const entities = [
    ...companies.map((name, i) => ({
      entity_id: slug('company', i),
      entity_type: 'organization',
      name_en: `Company ${i + 1}`,
      name_zh: name,
      aliases: [],
      wikidata_id: null,
      description_en: 'Synthetic company for the benchmark.',
    })),
    ...investors.map((name, i) => ({
      entity_id: slug('investor', i),
      entity_type: 'organization',
      name_en: `Investor ${i + 1}`,
      name_zh: name,
      aliases: [],
      wikidata_id: null,
      description_en: 'Synthetic investor for the benchmark.',
    })),
  ]
  const company = (i: number) => ({ name: companies[i], id: slug('company', i) })
  const investor = (i: number) => ({ name: investors[i], id: slug('investor', i) })
  const raw = path.join(out, 'raw')
  fs.rmSync(out, { recursive: true, force: true })
  fs.mkdirSync(raw, { recursive: true })
  fs.writeFileSync(path.join(raw, 'entities.json'), `${JSON.stringify({ entities }, null, 1)}\n`)
  const truth: string[] = []
  let facts = 0
  let bytes = 0
  for (let a = 0; a < n; a++) {
    const id = `bench-${String(a + 1).padStart(6, '0')}`
    const roll = r()
    const script: Script = roll < 0.125 ? 'hk' : roll < 0.25 ? 'tw' : 'simplified'
    const yuan: Yuan = { currency: script === 'hk' ? 'HKD' : script === 'tw' ? 'TWD' : 'CNY' }
    const published: Ymd = { y: 2024, m: 1 + Math.floor(r() * 12), d: 1 + Math.floor(r() * 28) }
    const ci = Math.floor(r() * companies.length)
    const main = company(ci)
    const forms = MONEY.filter((f) => !f.scripts || f.scripts.includes(script))
    const money = (list = forms) => {
      const form = pick(r, list)
      const m = form.make(r, yuan)
      if (form.names) yuan.currency = m.currency
      return m
    }
    const when = () => pick(r, WHEN)(r, published)
    const other = (not: number) => {
      const k = Math.floor(r() * (companies.length - 1))
      return company(k >= not ? k + 1 : k)
    }
    const funders = () => {
      const lead = Math.floor(r() * investors.length)
      const f = Math.floor(r() * (investors.length - 1))
      return { lead: investor(lead), follower: investor(f >= lead ? f + 1 : f) }
    }
    const lines: Sentence[][] = []
    const articleTruth: Truth[] = []
    const events: { truth: Truth; sentence: Sentence; note: Record<string, unknown> }[] = []
    const funding: { truth: Truth; evidence: Sentence[]; funders: { entity: string; lead?: boolean }[]; amountQuote: boolean }[] = []
    const metrics: { truth: Truth; sentence: Sentence }[] = []
    const fact = (t: Omit<Truth, 'source_id' | 'script'>): Truth => {
      const full: Truth = { source_id: id, ...t, script }
      articleTruth.push(full)
      return full
    }
    const fillers = (k: number) => {
      for (let f = 0; f < k; f++) lines.push([plain(pick(r, words.fillers))])
    }

    const founded = WHEN[FOUNDED_WHEN](r, published)
    const foundedLine = sentence`${main.name}成立于${founded}，总部位于一座沿海城市。`
    lines.push([foundedLine])
    events.push({
      truth: fact({ kind: 'event', id: `${id}-founded`, when: founded, subject: main.id, construction: 'founded' }),
      sentence: foundedLine,
      note: { type: 'founded', subject: main.id, summary_en: `Company ${ci + 1} is founded.`, summary_zh: `${main.name}成立。` },
    })
    const plant = (construction: string, p: Planted, flows: Flow[], ids: string[]) => {
      lines.push(p.line)
      flows.forEach((f, k) => {
        const t = fact({ kind: 'funding', id: ids[k], money: f.money, when: f.when, subject: f.recipient.id, construction })
        funding.push({ truth: t, evidence: p.evidence[k], funders: p.funders[k], amountQuote: p.amountQuote === true })
      })
    }
    const rounds = 1 + Math.floor(r() * 3)
    for (let k = 0; k < rounds; k++) {
      const construction = pick(r, CONSTRUCTION_NAMES)
      const flow: Flow = { recipient: main, when: when(), money: money(), round: words.rounds[k % words.rounds.length], ...funders() }
      plant(construction, CONSTRUCTIONS[construction](flow), [flow], [`${id}-round-${k + 1}`])
      fillers(2 + Math.floor(r() * 2))
    }
    // several flows: one investor in this company and another (分别向A和B投资), or another company's round in the same piece
    const more = r()
    if (more < 0.15) {
      const { lead } = funders()
      const second = other(ci)
      const w = when()
      const m1 = money()
      let m2 = money()
      while (m2.text === m1.text) m2 = money()
      const s = sentence`${w}，${lead.name}分别向${main.name}和${second.name}投资${m1}和${m2}。`
      const flows = [main, second].map((c, k) => ({ recipient: c, when: w, money: k ? m2 : m1, round: '', lead, follower: lead }))
      const p = { line: [s], evidence: [[s], [s]], funders: [[{ entity: lead.id }], [{ entity: lead.id }]], amountQuote: true }
      plant('respectively', p, flows, [`${id}-respectively-1`, `${id}-respectively-2`])
    } else if (more < 0.3) {
      const construction = pick(r, CONSTRUCTION_NAMES)
      const flow: Flow = { recipient: other(ci), when: when(), money: money(), round: pick(r, words.rounds), ...funders() }
      plant(construction, CONSTRUCTIONS[construction](flow), [flow], [`${id}-peer`])
    }
    fillers(2)
    if (r() < 0.5) {
      const w = when()
      const m = money(VALUATION.map((k) => MONEY[k]))
      const s = r() < 0.5 ? sentence`截至${w}，${main.name}的估值已经达到${m}。` : sentence`${w}，${main.name}的投后估值达到${m}。`
      lines.push([s])
      const t = fact({ kind: 'metric', id: `${id}-valuation`, money: m, when: w, subject: main.id, measure: 'valuation', construction: 'valuation' })
      metrics.push({ truth: t, sentence: s })
    }
    if (r() < 0.3) {
      const m = money()
      const y = 2015 + Math.floor(r() * 9)
      const s = sentence`${main.name}${yearWhen(`${y}年`, y)}的营业收入为${m}。`
      lines.push([s])
      const t = fact({
        kind: 'metric',
        id: `${id}-revenue`,
        money: m,
        when: s.marks[0].of as When,
        subject: main.id,
        measure: 'revenue',
        construction: 'revenue',
      })
      metrics.push({ truth: t, sentence: s })
    }
    if (r() < 0.6) lines.push([plain(pick(r, DISTRACTORS)(r))])
    let length = 0
    for (const l of lines) for (const s of l) length += s.text.length
    while (length < 1000) {
      const f = pick(r, words.fillers)
      lines.push([plain(f)])
      length += f.length
    }

    // lay out in the article's script: opencc-js keeps lengths, so every offset holds after conversion
    const title = toScript(`${main.name}新动态`, script)
    let text = title
    for (const line of lines) {
      text += '\n'
      for (const s of line) {
        const converted = toScript(s.text, script, s.marks.length === 0)
        s.at = text.length
        for (const mark of s.marks) mark.of.text = converted.slice(mark.at, mark.at + mark.of.text.length)
        s.text = converted
        text += converted
      }
    }
    const where = new Map<Money | When, number>()
    for (const line of lines) for (const s of line) for (const mark of s.marks) where.set(mark.of, s.at + mark.at)
    for (const t of articleTruth) {
      if (t.money) t.money_at = where.get(t.money)
      if (t.when) t.when_at = where.get(t.when)
      truth.push(JSON.stringify(t))
    }
    facts += articleTruth.length
    const quote = (s: Sentence) => quoteAt(text, s.text, s.at)

    const dir = path.join(raw, id)
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, 'article.txt'), text)
    const language = script === 'hk' ? 'zh-Hant-HK' : script === 'tw' ? 'zh-Hant-TW' : 'zh-Hans'
    fs.writeFileSync(
      path.join(dir, 'source.json'),
      `${JSON.stringify({ source_id: id, title, publisher: 'Fengkou benchmark generator', url: null, language, published_on: `${published.y}-${pad(published.m)}-${pad(published.d)}`, retrieved_on: null, rights: 'Synthetic text, CC0.', notes: `Generated with seed ${seed}.`, is_fixture: true }, null, 1)}\n`,
    )
    if (tier === 'annotated')
      fs.writeFileSync(
        path.join(dir, 'annotations.yaml'),
        stringify(
          {
            source_id: id,
            review: { status: 'reviewed', reviewed_by: 'generator' },
            events: events.map((e) => ({ id: e.truth.id, ...e.note, evidence: [quote(e.sentence)], status: 'reported' })),
            funding: funding.map((f) => ({
              id: f.truth.id,
              type: 'investment',
              status: 'completed',
              recipient: f.truth.subject,
              funders: f.funders,
              funders_complete: false,
              evidence: f.evidence.map(quote),
              ...(f.amountQuote && f.truth.money && f.truth.money_at !== undefined
                ? { amount_quote: quoteAt(text, f.truth.money.text, f.truth.money_at) }
                : {}),
            })),
            metrics: metrics.map((m) => ({
              id: m.truth.id,
              subject: m.truth.subject,
              measure: m.truth.measure,
              evidence: [quote(m.sentence)],
              status: 'reported',
            })),
          },
          { lineWidth: 0 },
        ),
      )
    bytes += Buffer.byteLength(text)
  }
  fs.writeFileSync(path.join(out, 'truth.jsonl'), truth.length ? `${truth.join('\n')}\n` : '')
  return { bytes, facts }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '1000' },
      out: { type: 'string', default: 'out/bench/n1000' },
      seed: { type: 'string', default: '20230317' },
      tier: { type: 'string', default: 'annotated' },
    },
  })
  if (values.tier !== 'annotated' && values.tier !== 'machine') throw new Error(`--tier: found "${values.tier}", expected annotated or machine`)
  const { bytes, facts } = generate(Number(values.n), values.out as string, Number(values.seed), values.tier)
  log('generate-corpus', `${values.n} articles, ${(bytes / 1e6).toFixed(1)} MB, ${facts} planted facts in ${values.out}`)
}
