import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ARTICLES_PER_POOL, companyNames, generate, investorNames, type Truth } from '../../pipeline/bench/generate-corpus.ts'
import { validator } from '../../pipeline/store/validate.ts'
import { tempDir } from '../helpers/build.ts'

interface Article {
  id: string
  text: string
  source: { language: string; published_on: string }
  notes: { funding: { evidence: { quote: string; occurrence?: number }[]; amount_quote?: { quote: string; occurrence?: number } }[] }
}

let out: string
let truth: Truth[]
const articles = new Map<string, Article>()

beforeAll(() => {
  out = tempDir('generated')
  generate(400, out, 20230317)
  truth = fs
    .readFileSync(path.join(out, 'truth.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Truth)
  for (const id of fs.readdirSync(path.join(out, 'raw'))) {
    const dir = path.join(out, 'raw', id)
    if (!fs.statSync(dir).isDirectory()) continue
    articles.set(id, {
      id,
      text: fs.readFileSync(path.join(dir, 'article.txt'), 'utf8'),
      source: JSON.parse(fs.readFileSync(path.join(dir, 'source.json'), 'utf8')),
      notes: parse(fs.readFileSync(path.join(dir, 'annotations.yaml'), 'utf8')),
    })
  }
})

const occurrences = (text: string, quote: string) => {
  let n = 0
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) n++
  return n
}

describe('the benchmark generator', () => {
  it('puts every planted amount and date in its article, verbatim, at the offset truth.jsonl states', () => {
    expect(truth.length).toBeGreaterThan(1200)
    for (const t of truth) {
      const text = articles.get(t.source_id)?.text ?? ''
      if (t.money) expect([t.id, text.slice(t.money_at, (t.money_at ?? 0) + t.money.text.length)]).toEqual([t.id, t.money.text])
      if (t.when) expect([t.id, text.slice(t.when_at, (t.when_at ?? 0) + t.when.text.length)]).toEqual([t.id, t.when.text])
    }
  })

  it('plants every funding construction, several flows in some articles, valuations and revenue', () => {
    const constructions = new Set(truth.map((t) => t.construction))
    for (const c of [
      'completed-led',
      'led-and-followed',
      'obtained-sole',
      'investors-apart',
      'received-from',
      'invested-in',
      'investor-list',
      'respectively',
      'founded',
      'valuation',
      'revenue',
    ])
      expect(constructions).toContain(c)
    // 分别向A和B投资: two flows, two recipients, one sentence
    const respectively = truth.filter((t) => t.construction === 'respectively')
    expect(new Set(respectively.filter((t) => t.source_id === respectively[0].source_id).map((t) => t.subject)).size).toBe(2)
    const recipients = new Map<string, Set<string>>()
    for (const t of truth) if (t.kind === 'funding') recipients.set(t.source_id, (recipients.get(t.source_id) ?? new Set()).add(t.subject))
    expect([...recipients.values()].filter((s) => s.size > 1).length).toBeGreaterThan(40)
  })

  it('writes a quarter of the articles in traditional characters, with the locale whose 元 they mean', () => {
    const scripts = new Map<string, number>()
    for (const t of truth) if (t.kind === 'event') scripts.set(t.script, (scripts.get(t.script) ?? 0) + 1)
    expect((scripts.get('hk') ?? 0) + (scripts.get('tw') ?? 0)).toBeGreaterThan(60)
    expect(scripts.get('simplified')).toBeGreaterThan(250)
    for (const t of truth) {
      const a = articles.get(t.source_id)
      expect(a?.source.language).toBe({ simplified: 'zh-Hans', hk: 'zh-Hant-HK', tw: 'zh-Hant-TW' }[t.script])
      // 新动态 in the headline: 新動態 in traditional characters
      expect(a?.text.split('\n')[0].endsWith(t.script === 'simplified' ? '新动态' : '新動態')).toBe(true)
    }
    const traditional = truth.filter((t) => t.script !== 'simplified' && t.money)
    expect(traditional.some((t) => /[億萬]/.test(t.money?.text ?? ''))).toBe(true)
    // a bare 元 in a Taiwan article before any 元 currency is named is TWD; 新台幣 only there
    expect(truth.some((t) => t.script === 'tw' && t.money?.currency === 'TWD')).toBe(true)
    expect(truth.some((t) => t.script === 'hk' && t.money?.currency === 'HKD' && !/港/.test(t.money.text))).toBe(true)
    expect(truth.filter((t) => t.money?.currency === 'TWD').every((t) => t.script === 'tw')).toBe(true)
  })

  it('plants vague, open and approximate amounts with their bounds and qualifiers', () => {
    const money = truth.flatMap((t) => (t.money ? [t.money] : []))
    const form = (re: RegExp) => money.filter((m) => re.test(m.text))
    expect(form(/^[数數]千[万萬]元$/).every((m) => m.amount === null && m.low === 1e7 && m.high === 1e8 && m.qualifier === 'about')).toBe(true)
    expect(form(/^[数數]千[万萬]元$/).length).toBeGreaterThan(0)
    expect(form(/^近[亿億]元$/).every((m) => m.amount === 1e8 && m.qualifier === 'under')).toBe(true)
    expect(form(/^近[亿億]元$/).length).toBeGreaterThan(0)
    expect(form(/^超过\d[亿億]美元$|^超過\d[亿億]美元$/).every((m) => m.qualifier === 'over')).toBe(true)
    expect(form(/^\d000多[万萬]元$/).every((m) => m.low === m.amount && m.high === (m.amount ?? 0) + 1e7 && m.qualifier === 'over')).toBe(true)
    expect(new Set(money.map((m) => m.qualifier))).toEqual(new Set(['exact', 'about', 'over', 'under']))
  })

  it('dates some facts relative to the publication day, never after it', () => {
    const relative = truth.filter((t) => t.when && /今年|去年|上個月|上个月/.test(t.when.text))
    const forms = new Set(relative.map((t) => t.when?.text.replace(/\d+月/, 'N月')))
    for (const form of ['今年N月', '去年底', '去年', '上个月']) expect(forms).toContain(form)
    for (const t of truth) {
      const published = articles.get(t.source_id)?.source.published_on ?? ''
      if (t.when) expect(t.when.start <= published).toBe(true)
    }
    const t = relative.find((x) => x.when?.text === '去年底')
    expect(t?.when?.start).toBe(`${Number(articles.get(t?.source_id ?? '')?.source.published_on.slice(0, 4)) - 1}-11-01`)
  })

  it('adds numbers that are no fact: digits outside every planted text', () => {
    let withDistractor = 0
    for (const a of articles.values()) {
      let text = a.text
      for (const t of truth.filter((x) => x.source_id === a.id))
        for (const [piece, at] of [
          [t.money?.text, t.money_at],
          [t.when?.text, t.when_at],
        ] as const)
          if (piece && at !== undefined) text = text.slice(0, at) + '_'.repeat(piece.length) + text.slice(at + piece.length)
      if (/\d/.test(text)) withDistractor++
    }
    expect(withDistractor).toBeGreaterThan(150)
    expect(withDistractor).toBeLessThan(articles.size)
  })

  it('writes valid annotations whose quotes are in the article, once or with their occurrence', () => {
    const valid = validator('annotations')
    for (const a of articles.values()) {
      expect([a.id, valid(a.notes), valid.errors ?? null]).toEqual([a.id, true, null])
      for (const f of a.notes.funding)
        for (const q of [...f.evidence, ...(f.amount_quote ? [f.amount_quote] : [])]) {
          const n = occurrences(a.text, q.quote)
          expect([q.quote, n > 0, q.occurrence ?? 1]).toEqual([q.quote, true, n > 1 ? q.occurrence : 1])
        }
    }
  })

  it('grows its company pool with the corpus: 300 more names for every 10,000 articles, none inside another', () => {
    const entities = JSON.parse(fs.readFileSync(path.join(out, 'raw', 'entities.json'), 'utf8')).entities as { entity_id: string; name_zh: string }[]
    const pool = companyNames(400)
    expect(entities.filter((e) => e.entity_id.startsWith('company-')).map((e) => e.name_zh)).toEqual(pool)
    expect(pool.length).toBe(300)
    // up to one pool's worth of articles the corpus is the one a fixed pool gave
    expect(companyNames(ARTICLES_PER_POOL)).toEqual(pool)
    expect(companyNames(ARTICLES_PER_POOL + 1).length).toBe(600)
    const big = companyNames(100_000)
    expect(big.length).toBe(3000)
    expect(big.slice(0, 300)).toEqual(pool)
    expect(big[300]).toBe(`${pool[0].slice(0, 2)}华${pool[0].slice(2)}`)
    expect(new Set(big).size).toBe(big.length)
    // past 20 middles, pairs of them (星辰华华科技): 22 pools at 215,000 articles
    const bigger = companyNames(215_000)
    expect(new Set(bigger).size).toBe(6600)
    expect(bigger[21 * 300]).toBe(`${pool[0].slice(0, 2)}华华${pool[0].slice(2)}`)
    for (const name of [...bigger, ...investorNames()]) expect(/[0-9零一二两三四五六七八九十百千万亿元年月日]/.test(name)).toBe(false)
    // a name inside another is refused: the matcher would find both
    expect(() => companyNames(400, ['星辰科'])).toThrow('the name "星辰科技" holds the name "星辰科" (expected no name inside another)')
  })

  it('gives the same corpus for the same seed', () => {
    const again = tempDir('generated-again')
    generate(40, again, 20230317)
    const first = fs.readFileSync(path.join(out, 'truth.jsonl'), 'utf8').split('\n')
    const second = fs.readFileSync(path.join(again, 'truth.jsonl'), 'utf8').trim().split('\n')
    expect(second).toEqual(first.filter((l) => /bench-0000[0-3]\d|bench-000040/.test(l)))
    expect(fs.readFileSync(path.join(again, 'raw', 'bench-000017', 'article.txt'), 'utf8')).toBe(articles.get('bench-000017')?.text)
  })
})
