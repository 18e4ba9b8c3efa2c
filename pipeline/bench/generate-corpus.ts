/**
 * generate-corpus: a synthetic corpus of Chinese news-style articles with known answers, for the
 * benchmark. From a fixed seed it writes N article folders (article.txt, source.json,
 * annotations.yaml unless --tier machine), an entity list, and truth.jsonl: every fact it planted (funding amounts and
 * currencies, dates of every precision, valuations), so the benchmark can score the pipeline.
 *   node --import tsx pipeline/bench/generate-corpus.ts --n 1000 --out out/bench/n1000 [--seed 20230317] [--tier annotated|machine]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
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

interface Money {
  text: string
  amount: number | null
  currency: string
  qualifier: string
  low?: number
  high?: number
}
interface When {
  text: string
  start: string
  end: string
  precision: string
}
export interface Truth {
  source_id: string
  kind: 'funding' | 'metric' | 'event'
  id: string
  money?: Money
  when?: When
}

const MONEY: ((r: () => number) => Money)[] = [
  (r) => {
    const n = 1 + Math.floor(r() * 9)
    return { text: `${n}000万美元`, amount: n * 1e7, currency: 'USD', qualifier: 'exact' }
  },
  (r) => {
    const n = (10 + Math.floor(r() * 90)) / 10
    return { text: `${n}亿元人民币`, amount: Math.round(n * 1e9) / 10, currency: 'CNY', qualifier: 'exact' }
  },
  (r) => {
    const n = 2 + Math.floor(r() * 8)
    return { text: `${n}亿港元`, amount: n * 1e8, currency: 'HKD', qualifier: 'exact' }
  },
  (r) => {
    const n = 20 + Math.floor(r() * 80)
    return { text: `${n}万欧元`, amount: n * 1e4, currency: 'EUR', qualifier: 'exact' }
  },
  (r) => {
    const n = 1 + Math.floor(r() * 5)
    return { text: `约${n}亿美元`, amount: n * 1e8, currency: 'USD', qualifier: 'about' }
  },
  (r) => {
    const n = 2 + Math.floor(r() * 9)
    return { text: `超过${n}0亿元`, amount: n * 1e9, currency: 'CNY', qualifier: 'over' }
  },
  () => ({ text: '数千万美元', amount: null, currency: 'USD', qualifier: 'about', low: 1e7, high: 1e8 }),
  (r) => {
    const n = 1 + Math.floor(r() * 9)
    return { text: `${n}500万英镑`, amount: n * 1e7 + 5e6, currency: 'GBP', qualifier: 'exact' }
  },
  (r) => {
    const n = 10 + Math.floor(r() * 90)
    return { text: `${n}亿日元`, amount: n * 1e8, currency: 'JPY', qualifier: 'exact' }
  },
  (r) => {
    const n = 3 + Math.floor(r() * 6)
    return { text: `${n}千万元`, amount: n * 1e7, currency: 'CNY', qualifier: 'exact' }
  },
]

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
const WHEN: ((r: () => number) => When)[] = [
  (r) => {
    const y = 2015 + Math.floor(r() * 9)
    const m = 1 + Math.floor(r() * 12)
    const d = 1 + Math.floor(r() * 28)
    return { text: `${y}年${m}月${d}日`, start: `${y}-${pad(m)}-${pad(d)}`, end: `${y}-${pad(m)}-${pad(d)}`, precision: 'day' }
  },
  (r) => {
    const y = 2015 + Math.floor(r() * 9)
    const m = 1 + Math.floor(r() * 12)
    return { text: `${y}年${m}月`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${lastDay(y, m)}`, precision: 'month' }
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
    return { text: `${y}年`, start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' }
  },
]

function pick<T>(r: () => number, list: T[]): T {
  return list[Math.floor(r() * list.length)]
}

/**
 * `annotated`: each article gets the annotations.yaml that states its planted facts (the reviewed tier);
 * `machine`: no annotations at all, so entity discovery and the funding drafts run on every article (the machine tier).
 */
export type Tier = 'annotated' | 'machine'

export function generate(n: number, out: string, seed = 20230317, tier: Tier = 'annotated'): { bytes: number; facts: number } {
  const r = prng(seed)
  const companies = words.company_heads.flatMap((h) => words.company_tails.map((t) => `${h}${t}`))
  const investors = words.investor_heads.flatMap((h) => words.investor_tails.map((t) => `${h}${t}`))
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
  const raw = path.join(out, 'raw')
  fs.rmSync(out, { recursive: true, force: true })
  fs.mkdirSync(raw, { recursive: true })
  fs.writeFileSync(path.join(raw, 'entities.json'), `${JSON.stringify({ entities }, null, 1)}\n`)
  const truth: Truth[] = []
  let bytes = 0
  for (let a = 0; a < n; a++) {
    const id = `bench-${String(a + 1).padStart(6, '0')}`
    const ci = Math.floor(r() * companies.length)
    const company = companies[ci]
    const sentences: string[] = []
    const events: Record<string, unknown>[] = []
    const funding: Record<string, unknown>[] = []
    const metrics: Record<string, unknown>[] = []
    const founded = WHEN[7](r)
    sentences.push(`${company}成立于${founded.text}，总部位于一座沿海城市。`)
    events.push({
      id: `${id}-founded`,
      type: 'founded',
      subject: slug('company', ci),
      summary_en: `Company ${ci + 1} is founded.`,
      summary_zh: `${company}成立。`,
      evidence: [{ quote: sentences[0] }],
      status: 'reported',
    })
    truth.push({ source_id: id, kind: 'event', id: `${id}-founded`, when: founded })
    const rounds = 1 + Math.floor(r() * 3)
    for (let k = 0; k < rounds; k++) {
      const when = pick(r, WHEN)(r)
      const money = pick(r, MONEY)(r)
      const ii = Math.floor(r() * investors.length)
      const round = words.rounds[k % words.rounds.length]
      const sentence = `${when.text}，${company}宣布完成${money.text}${round}融资，由${investors[ii]}领投。`
      sentences.push(sentence)
      const fid = `${id}-round-${k + 1}`
      funding.push({
        id: fid,
        type: 'investment',
        status: 'completed',
        recipient: slug('company', ci),
        funders: [{ entity: slug('investor', ii), lead: true }],
        funders_complete: false,
        evidence: [{ quote: sentence }],
      })
      truth.push({ source_id: id, kind: 'funding', id: fid, money, when })
      for (let f = 0; f < 3; f++) sentences.push(pick(r, words.fillers))
    }
    if (r() < 0.5) {
      const when = pick(r, WHEN)(r)
      const money = MONEY[Math.floor(r() * 4)](r)
      const sentence = `截至${when.text}，${company}的估值已经达到${money.text}。`
      sentences.push(sentence)
      metrics.push({ id: `${id}-valuation`, subject: slug('company', ci), measure: 'valuation', evidence: [{ quote: sentence }], status: 'reported' })
      truth.push({ source_id: id, kind: 'metric', id: `${id}-valuation`, money, when })
    }
    while (sentences.join('').length < 1000) sentences.push(pick(r, words.fillers))
    // quotes must be unique in their article: a filler may repeat, a fact sentence never does
    const text = `${company}新动态\n${sentences.join('\n')}`
    const dir = path.join(raw, id)
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, 'article.txt'), text)
    fs.writeFileSync(
      path.join(dir, 'source.json'),
      `${JSON.stringify({ source_id: id, title: `${company}新动态`, publisher: 'Fengkou benchmark generator', url: null, language: 'zh-Hans', published_on: '2024-01-15', retrieved_on: null, rights: 'Synthetic text, CC0.', notes: `Generated with seed ${seed}.`, is_fixture: true }, null, 1)}\n`,
    )
    if (tier === 'annotated')
      fs.writeFileSync(
        path.join(dir, 'annotations.yaml'),
        stringify({ source_id: id, review: { status: 'reviewed', reviewed_by: 'generator' }, events, funding, metrics }, { lineWidth: 0 }),
      )
    bytes += Buffer.byteLength(text)
  }
  fs.writeFileSync(path.join(out, 'truth.jsonl'), truth.map((t) => `${JSON.stringify(t)}\n`).join(''))
  return { bytes, facts: truth.length }
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
