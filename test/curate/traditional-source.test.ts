import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { assembleMachine } from '../../pipeline/03-assemble.ts'
import { articleMentions, curatedNames } from '../../pipeline/curate/discovered.ts'
import { draftRecords } from '../../pipeline/curate/draft-records.ts'
import { type Entity, readEntityList } from '../../pipeline/curate/entity-list.ts'
import { ingest } from '../../pipeline/store/sources.ts'

// an article in traditional characters (Hong Kong) read against a list that writes its names in simplified ones
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'traditional-source')
const list = readEntityList(path.join(FIXTURE, 'entities.json'))
const meta = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'source.json'), 'utf8'))
const doc = ingest(meta, fs.readFileSync(path.join(FIXTURE, 'article.txt')), 'article.txt')
const { mentions, discovered } = articleMentions(doc.text, doc.source, curatedNames(list))
const byId = new Map<string, Entity>(list.map((e) => [e.entity_id, e]))
const names = (id: string) => {
  const e = byId.get(id)
  return e && { en: e.name_en, zh: e.name_zh }
}
const { document: draft } = draftRecords({
  sourceId: meta.source_id,
  text: doc.text,
  sentences: doc.sentences,
  mentions,
  publishedOn: meta.published_on,
  names,
})

describe('a traditional-character article and a simplified entity list', () => {
  it('gives each curated name its curated id, with the article own characters and offsets', () => {
    const entities = mentions.filter((m) => m.kind === 'entity')
    expect(entities.map((m) => [m.text, m.entity_id])).toEqual([
      ['銀河機器人', 'galaxy-robotics'],
      ['銀河機器人', 'galaxy-robotics'],
      ['啟明創投', 'qiming'],
      ['百度', 'baidu'],
      ['銀河機器人', 'galaxy-robotics'],
      ['銀河機器人學院', 'galaxy-robotics-academy'],
    ])
    const chars = Array.from(doc.text)
    for (const m of entities) expect(chars.slice(m.start, m.end).join('')).toBe(m.text)
  })

  it('proposes none of the curated names as a new entity', () => {
    expect(discovered.filter((p) => /銀河|银河|啟明|启明|百度/.test(`${p.name_zh}`)).map((p) => p.name_zh)).toEqual([])
  })

  it('drafts the funding with its recipient and its investors', () => {
    expect(draft.funding).toHaveLength(1)
    expect(draft.funding[0]).toMatchObject({
      recipient: 'galaxy-robotics',
      round: 'a',
      funders: [
        { entity: 'qiming', lead: true },
        { entity: 'baidu', lead: false },
      ],
    })
  })

  it('keeps the draft through assembly as a row of the machine tier, in Hong Kong dollars', () => {
    const out = assembleMachine(doc, mentions, draft, byId)
    expect(out.left_out).toEqual([])
    expect(out.funding).toHaveLength(1)
    expect(out.funding[0]).toMatchObject({ recipient_id: 'galaxy-robotics', amount: 2e8, currency: 'HKD', review_status: 'machine' })
  })
})
