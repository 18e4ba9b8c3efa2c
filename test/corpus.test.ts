/**
 * The development corpus (test/fixtures/corpus/): every gold.json valid against gold.schema.json and
 * true to its article, every entity in the corpus entity list, articles that share a flow agreeing
 * on what it is, and the folder readable by the pipeline's ingest and extract stages.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { main as ingest } from '../pipeline/01-ingest.ts'
import { main as extract } from '../pipeline/02-extract.ts'
import { type Entity, readEntityList } from '../pipeline/curate/entity-list.ts'
import { ROOT } from '../pipeline/store/layout.ts'
import { addFormats } from '../pipeline/store/validate.ts'
import { tempDir } from './helpers/build.ts'

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus')
const ENTITIES = path.join(CORPUS, 'entities.json')

interface Money {
  amount: number | null
  amount_low: number | null
  amount_high: number | null
  currency: string | null
}
interface Flow extends Money {
  flow_id: string
  recipient: string
  funders: { entity: string; lead: boolean }[]
  round: string | null
  evidence: string[]
}
interface Metric extends Money {
  metric_id: string
  subject: string
  attributed_to?: string | null
  evidence: string[]
}
interface Event {
  event_id: string
  type: string
  subject: string
  object: string | null
  evidence: string[]
}
interface Gold {
  source_id: string
  kind: string
  entities: { entity_id: string; as_written: string[] }[]
  funding: Flow[]
  metrics: Metric[]
  events: Event[]
}
interface Article {
  id: string
  text: string
  gold: Gold
}

const folders = fs
  .readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()

function readCorpus(): Article[] {
  return folders.map((id) => ({
    id,
    text: fs.readFileSync(path.join(CORPUS, id, 'article.txt'), 'utf8'),
    gold: JSON.parse(fs.readFileSync(path.join(CORPUS, id, 'gold.json'), 'utf8')) as Gold,
  }))
}

/** A deep copy of the corpus that a test may break. */
const copyCorpus = (): Article[] => structuredClone(readCorpus())

function goldValidator() {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }))
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(CORPUS, 'gold.schema.json'), 'utf8')))
}

function schemaProblems(articles: Article[]): string[] {
  const validate = goldValidator()
  return articles.flatMap((a) =>
    validate(a.gold) ? [] : (validate.errors ?? []).map((e) => `${a.id}/gold.json ${e.instancePath || '(document)'}: ${e.message}`),
  )
}

const records = (g: Gold) => [
  ...g.funding.map((r, i) => ({ where: `/funding/${i}`, record: r as Flow | Metric | Event })),
  ...g.metrics.map((r, i) => ({ where: `/metrics/${i}`, record: r as Flow | Metric | Event })),
  ...g.events.map((r, i) => ({ where: `/events/${i}`, record: r as Flow | Metric | Event })),
]

function evidenceProblems(articles: Article[]): string[] {
  return articles.flatMap((a) =>
    records(a.gold).flatMap(({ where, record }) =>
      record.evidence.filter((q) => !a.text.includes(q)).map((q) => `${a.id}/gold.json ${where}/evidence: "${q}" is not in article.txt`),
    ),
  )
}

/** The names an entity is matched by: its Chinese and English names and its aliases. */
const namesOf = (e: Entity) => [e.name_zh, e.name_en, ...e.aliases].filter((n): n is string => n !== null)

function entityProblems(articles: Article[], entities: Entity[]): string[] {
  const byId = new Map(entities.map((e) => [e.entity_id, e]))
  return articles.flatMap((a) => {
    const listed = new Set(a.gold.entities.map((e) => e.entity_id))
    const problems: string[] = []
    a.gold.entities.forEach(({ entity_id, as_written }, i) => {
      const entity = byId.get(entity_id)
      if (!entity) problems.push(`${a.id}/gold.json /entities/${i}: "${entity_id}" is not in entities.json`)
      for (const form of as_written) {
        if (!a.text.includes(form)) problems.push(`${a.id}/gold.json /entities/${i}: "${form}" is not in article.txt`)
        if (entity && !namesOf(entity).some((n) => n.toLowerCase() === form.toLowerCase()))
          problems.push(`${a.id}/gold.json /entities/${i}: "${form}" is not a name of ${entity_id} in entities.json`)
      }
    })
    for (const { where, record } of records(a.gold)) {
      const parties = [
        'recipient' in record ? record.recipient : null,
        ...('funders' in record ? record.funders.map((f) => f.entity) : []),
        'subject' in record ? record.subject : null,
        'object' in record ? record.object : null,
        'attributed_to' in record ? record.attributed_to : null,
      ]
      for (const id of parties) if (id && !listed.has(id)) problems.push(`${a.id}/gold.json ${where}: "${id}" is not among the article's entities`)
    }
    return problems
  })
}

/** Articles that share an id must describe the same thing: the fields listed must agree. */
function sharedIdProblems<T>(articles: Article[], pick: (g: Gold) => T[], idOf: (r: T) => string, same: (r: T) => unknown): string[] {
  const seen = new Map<string, { id: string; value: string }>()
  const problems: string[] = []
  for (const a of articles)
    for (const r of pick(a.gold)) {
      const value = JSON.stringify(same(r))
      const first = seen.get(idOf(r))
      if (!first) seen.set(idOf(r), { id: a.id, value })
      else if (first.value !== value) problems.push(`${idOf(r)}: ${a.id} has ${value}, ${first.id} has ${first.value}`)
    }
  return problems
}

const flowIdentity = (f: Flow) => ({ recipient: f.recipient, round: f.round })

function moneyProblems(articles: Article[]): string[] {
  return articles.flatMap((a) =>
    [...a.gold.funding.map((r, i) => [`/funding/${i}`, r] as const), ...a.gold.metrics.map((r, i) => [`/metrics/${i}`, r] as const)].flatMap(([where, m]) => {
      const out: string[] = []
      const at = `${a.id}/gold.json ${where}`
      if ((m.amount_low === null) !== (m.amount_high === null)) out.push(`${at}: amount_low and amount_high are given together or not at all`)
      if (m.amount_low !== null && m.amount_high !== null && m.amount_low > m.amount_high) out.push(`${at}: amount_low > amount_high`)
      if (m.amount !== null && m.amount_low !== null && (m.amount < m.amount_low || m.amount > (m.amount_high ?? m.amount)))
        out.push(`${at}: amount ${m.amount} is outside its bounds`)
      if ('flow_id' in m && (m.currency === null) !== (m.amount === null && m.amount_low === null))
        out.push(`${at}: a flow has a currency exactly when it has an amount or bounds`)
      return out
    }),
  )
}

describe('the development corpus', () => {
  const articles = readCorpus()
  const entities = readEntityList(ENTITIES)

  it('has the mix of articles it was written for', () => {
    const count = (kind: string) => articles.filter((a) => a.gold.kind === kind).length
    expect(articles.length).toBeGreaterThanOrEqual(40)
    expect({ flash: count('flash') >= 18, traditional: count('traditional') >= 8, feature: count('feature') >= 6, trap: count('trap') >= 8 }).toEqual({
      flash: true,
      traditional: true,
      feature: true,
      trap: true,
    })
  })

  it('has article.txt, source.json and gold.json in each folder, with the folder name as source_id, and no annotations.yaml', () => {
    const problems = folders.flatMap((id) => {
      const files = fs.readdirSync(path.join(CORPUS, id)).sort()
      const source = JSON.parse(fs.readFileSync(path.join(CORPUS, id, 'source.json'), 'utf8'))
      const gold = JSON.parse(fs.readFileSync(path.join(CORPUS, id, 'gold.json'), 'utf8'))
      return [
        ...(JSON.stringify(files) === JSON.stringify(['article.txt', 'gold.json', 'source.json']) ? [] : [`${id}: files ${files.join(', ')}`]),
        ...(source.source_id === id && gold.source_id === id ? [] : [`${id}: source_id ${source.source_id} / ${gold.source_id}`]),
        ...(source.title === fs.readFileSync(path.join(CORPUS, id, 'article.txt'), 'utf8').split('\n')[0] ? [] : [`${id}: the title is not the first line`]),
      ]
    })
    expect(problems).toEqual([])
  })

  it('validates every gold.json against gold.schema.json', () => {
    expect(schemaProblems(articles)).toEqual([])
  })

  it('rejects a gold record with an unknown round label or a claim attributed to no one', () => {
    const broken = copyCorpus()
    const flow = broken.find((a) => a.gold.funding.length)?.gold.funding[0] as Flow & { status: string; attributed_to?: string | null }
    flow.round = 'series-a'
    flow.status = 'claimed'
    delete flow.attributed_to
    const problems = schemaProblems(broken)
    expect(problems.some((p) => p.includes('/round: must be equal to one of the allowed values'))).toBe(true)
    expect(problems.some((p) => p.includes("must have required property 'attributed_to'"))).toBe(true)
  })

  it('quotes every piece of evidence exactly from its article', () => {
    expect(evidenceProblems(articles)).toEqual([])
    const broken = copyCorpus()
    broken[0].gold.funding[0].evidence.push('一句文章里没有的话')
    expect(evidenceProblems(broken)).toEqual([`${broken[0].id}/gold.json /funding/0/evidence: "一句文章里没有的话" is not in article.txt`])
  })

  it('writes every entity as it occurs in the article, under a name entities.json knows, and lists every party of every record', () => {
    expect(entityProblems(articles, entities)).toEqual([])
    const broken = copyCorpus()
    broken[0].gold.entities[0].as_written.push('不存在的公司')
    broken[1].gold.entities.push({ entity_id: 'nobody-at-all', as_written: [] })
    broken[2].gold.entities = broken[2].gold.entities.filter((e) => e.entity_id !== broken[2].gold.funding[0].recipient)
    const problems = entityProblems(broken, entities)
    expect(problems).toContain(`${broken[0].id}/gold.json /entities/0: "不存在的公司" is not in article.txt`)
    expect(problems.some((p) => p.startsWith(`${broken[1].id}/gold.json`) && p.includes('"nobody-at-all" is not in entities.json'))).toBe(true)
    expect(problems.some((p) => p.startsWith(`${broken[2].id}/gold.json /funding/0`))).toBe(true)
  })

  it('gives a flow reported by several articles the same recipient and round', () => {
    const shared = sharedIdProblems(
      articles,
      (g) => g.funding,
      (f) => f.flow_id,
      flowIdentity,
    )
    expect(shared).toEqual([])
    const broken = copyCorpus()
    const [first, second] = broken.filter((a) => a.gold.funding.some((f) => f.flow_id === 'baichuan-a1-2023'))
    const flow = second.gold.funding.find((f) => f.flow_id === 'baichuan-a1-2023') as Flow
    flow.round = 'strategic'
    expect(
      sharedIdProblems(
        broken,
        (g) => g.funding,
        (f) => f.flow_id,
        flowIdentity,
      ),
    ).toEqual([`baichuan-a1-2023: ${second.id} has {"recipient":"baichuan-ai","round":"strategic"}, ${first.id} has {"recipient":"baichuan-ai","round":"a"}`])
  })

  it('shares at least four flows between articles, and keeps the near misses apart', () => {
    const articlesOf = new Map<string, string[]>()
    for (const a of articles) for (const f of a.gold.funding) articlesOf.set(f.flow_id, [...(articlesOf.get(f.flow_id) ?? []), a.id])
    expect([...articlesOf.values()].filter((ids) => new Set(ids).size >= 2).length).toBeGreaterThanOrEqual(4)
    const pairs = [
      ['baichuan-a1-2023', 'baichuan-a-2024'],
      ['guya-a-2024', 'zhanqiao-a-2024'],
      ['chiyao-angel-2024', 'chiyao-auto-c-2024'],
      ['xingyan-angel-2024', 'xingyan-a-2025'],
      ['muhe-a-2024', 'yanxin-a-2024'],
    ]
    expect(pairs.filter(([a, b]) => !articlesOf.has(a) || !articlesOf.has(b))).toEqual([])
  })

  it('gives an event reported by several articles the same type and parties, and a figure the same subject and currency', () => {
    expect(
      sharedIdProblems(
        articles,
        (g) => g.events,
        (e) => e.event_id,
        (e) => [e.type, e.subject],
      ),
    ).toEqual([])
    expect(
      sharedIdProblems(
        articles,
        (g) => g.metrics,
        (m) => m.metric_id,
        (m) => [m.subject, m.currency],
      ),
    ).toEqual([])
  })

  it('keeps amounts inside their bounds and gives a flow a currency exactly when it has money', () => {
    expect(moneyProblems(articles)).toEqual([])
    const broken = copyCorpus()
    const flow = broken.flatMap((a) => a.gold.funding).find((f) => f.amount !== null) as Flow
    flow.amount_low = (flow.amount as number) * 2
    flow.amount_high = (flow.amount as number) * 3
    expect(moneyProblems(broken).some((p) => p.endsWith('is outside its bounds'))).toBe(true)
  })

  it('lists every flow shared by several articles in its README', () => {
    const readme = fs.readFileSync(path.join(CORPUS, 'README.md'), 'utf8')
    const counts = new Map<string, number>()
    for (const a of articles) for (const f of a.gold.funding) counts.set(f.flow_id, (counts.get(f.flow_id) ?? 0) + 1)
    expect([...counts].filter(([id, n]) => n > 1 && !readme.includes(`\`${id}\``)).map(([id]) => id)).toEqual([])
  })
})

describe('the corpus entity list', () => {
  it('is read by readEntityList without problems', () => {
    expect(readEntityList(ENTITIES).length).toBeGreaterThan(50)
  })

  it('would be refused, with its line, if two entities claimed one name', () => {
    const dir = tempDir('corpus-entities')
    const file = path.join(dir, 'entities.json')
    const text = fs.readFileSync(ENTITIES, 'utf8').replace('"name_zh": "驰曜汽车", "aliases": []', '"name_zh": "驰曜汽车", "aliases": ["驰曜"]')
    fs.writeFileSync(file, text)
    const line = text.split('\n').findIndex((l) => l.includes('"entity_id": "chiyao-auto"')) + 1
    expect(() => readEntityList(file)).toThrow(new RegExp(`entities\\.json:${line} /entities/\\d+\\n  the name "驰曜" belongs to both chiyao and chiyao-auto`))
  })
})

describe('the corpus folder through the pipeline', () => {
  it('is ingested and its mentions extracted without error, one output per article', async () => {
    const out = tempDir('corpus-build')
    await ingest({ raw: CORPUS, out: path.join(out, '01-ingest') })
    await extract({ input: path.join(out, '01-ingest'), entities: ENTITIES, out: path.join(out, '02-extract') })
    const missing = (stage: string) => folders.filter((id) => !fs.existsSync(path.join(out, stage, `${id}.json`)))
    expect({ ingest: missing('01-ingest'), extract: missing('02-extract') }).toEqual({ ingest: [], extract: [] })
    const first = JSON.parse(fs.readFileSync(path.join(out, '01-ingest', `${folders[0]}.json`), 'utf8'))
    expect(first.text).toBe(fs.readFileSync(path.join(CORPUS, folders[0], 'article.txt'), 'utf8'))
  }, 60_000)
})
