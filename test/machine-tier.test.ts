import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { assembleMachine, machineId } from '../pipeline/03-assemble.ts'
import { readEntityList } from '../pipeline/curate/entity-list.ts'
import { extractMentions } from '../pipeline/normalize/mentions.ts'
import { readCsvRows } from '../pipeline/store/csv.ts'
import { ROOT } from '../pipeline/store/layout.ts'
import type { Annotations } from '../pipeline/store/schema-types.ts'
import { ingest } from '../pipeline/store/sources.ts'
import { build, copyRaw, REAL_RAW, tempDir } from './helpers/build.ts'

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'machine-source')
const ID = '901_machine_fixture'

describe('an article with no annotations', () => {
  let withMachine: string
  let reviewedOnly: string
  beforeAll(async () => {
    const raw = copyRaw()
    fs.cpSync(FIXTURE, path.join(raw, ID), { recursive: true })
    withMachine = await build(raw, tempDir('machine'))
    reviewedOnly = await build(copyRaw(), tempDir('reviewed'))
  })

  it('no longer stops the build: its records are rows of the machine tier', () => {
    const funding = readCsvRows(path.join(withMachine, 'funding.csv')).filter((r) => r.review_status === 'machine')
    expect(funding).toHaveLength(1)
    expect(funding[0]).toMatchObject({ recipient_id: 'openai', amount: '10000000000', currency: 'USD', date_start: '2023-01-23' })
    expect(funding[0].funding_id.startsWith(machineId(ID, ''))).toBe(true)
    const evidence = readCsvRows(path.join(withMachine, 'evidence.csv')).filter((r) => r.record_id === funding[0].funding_id)
    expect(evidence.length).toBeGreaterThan(0)
    expect([...new Set(evidence.map((e) => e.source_id))]).toEqual([ID])
  })

  it('leaves every reviewed row of the other articles as it was, marked reviewed', () => {
    for (const table of ['events', 'funding', 'metrics']) {
      const reviewed = readCsvRows(path.join(reviewedOnly, `${table}.csv`))
      expect(reviewed.every((r) => r.review_status === 'reviewed')).toBe(true)
      expect(readCsvRows(path.join(withMachine, `${table}.csv`)).filter((r) => r.review_status === 'reviewed')).toEqual(reviewed)
    }
  })
})

describe('assembleMachine', () => {
  const entities = new Map(readEntityList(path.join(REAL_RAW, 'entities.json')).map((e) => [e.entity_id, e]))
  const meta = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'source.json'), 'utf8'))
  const doc = ingest(meta, fs.readFileSync(path.join(FIXTURE, 'article.txt')), 'article.txt')
  const mentions = extractMentions(doc.text, { referenceDate: meta.published_on })
  const draft = (notes: Partial<Annotations>): Annotations =>
    ({ source_id: ID, review: { status: 'draft' }, events: [], funding: [], metrics: [], ...notes }) as Annotations
  const flow = {
    id: 'flow',
    type: 'investment',
    status: 'announced',
    recipient: 'openai',
    funders: [{ entity: 'microsoft' }],
    funders_complete: true,
    date_quote: { quote: '2023年1月23日' },
  }

  it('keeps a record with no problem, under an id of its source', () => {
    const out = assembleMachine(doc, mentions, draft({ funding: [{ ...flow, evidence: [{ quote: '微软宣布向OpenAI投资100亿美元' }] }] as never }), entities)
    expect(out.funding.map((f) => f.funding_id)).toEqual(['m-901-machine-fixture-flow'])
    expect(out.funding[0]).toMatchObject({ amount: 1e10, review_status: 'machine' })
    expect(out.left_out).toEqual([])
  })

  it('leaves out a record with a problem, with its reasons, and keeps the others', () => {
    const notes = draft({
      funding: [
        { ...flow, id: 'no-amount', evidence: [{ quote: '这笔资金将用于扩大算力' }] },
        { ...flow, id: 'placeholder', recipient: 'unknown-entity', evidence: [{ quote: '微软宣布向OpenAI投资100亿美元' }] },
        { ...flow, id: 'kept', evidence: [{ quote: '微软宣布向OpenAI投资100亿美元' }] },
      ],
    } as never)
    const out = assembleMachine(doc, mentions, notes, entities)
    expect(out.funding.map((f) => f.funding_id)).toEqual(['m-901-machine-fixture-kept'])
    expect(out.left_out.map((x) => x.record_id)).toEqual(['m-901-machine-fixture-no-amount', 'm-901-machine-fixture-placeholder'])
    expect(out.left_out[0].reasons).toEqual([expect.stringMatching(/^\/funding\/0\/evidence money record whose evidence holds no amount/)])
    expect(out.left_out[1].reasons.join('\n')).toMatch(/\/funding\/1\/recipient found the placeholder "unknown-entity"/)
  })

  it('leaves out a funding record whose event was left out', () => {
    const notes = draft({
      events: [
        {
          id: 'ev',
          type: 'funding',
          subject: 'nobody-known',
          summary_en: 'x',
          summary_zh: 'x',
          status: 'reported',
          undated: true,
          evidence: [{ quote: '双方将继续合作' }],
        },
      ],
      funding: [{ ...flow, event: 'ev', evidence: [{ quote: '微软宣布向OpenAI投资100亿美元' }] }],
    } as never)
    const out = assembleMachine(doc, mentions, notes, entities)
    expect(out.events).toEqual([])
    expect(out.funding).toEqual([])
    expect(out.left_out.map((x) => [x.table, x.reasons[0]])).toEqual([
      ['events', expect.stringMatching(/^\/events\/0\/subject unknown entity "nobody-known"/)],
      ['funding', 'its event m-901-machine-fixture-ev was left out'],
    ])
  })
})
