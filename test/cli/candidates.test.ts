import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { main as candidates } from '../../pipeline/cli/candidates.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { validator } from '../../pipeline/store/validate.ts'
import { quietly, tempDir } from '../helpers/run.ts'

function rawWithoutAnnotations(): string {
  const raw = tempDir('cand')
  fs.copyFileSync(path.join(ROOT, 'raw', 'entities.json'), path.join(raw, 'entities.json'))
  const dir = path.join(raw, '900_second_source_fixture')
  fs.mkdirSync(dir)
  for (const f of ['article.txt', 'source.json']) fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'second-source', f), path.join(dir, f))
  return raw
}

describe('make candidates', () => {
  it('drafts schema-valid annotations marked as a draft, reading 从微软获得 as money received from Microsoft, told in the headline and the body', async () => {
    const raw = rawWithoutAnnotations()
    await quietly(() => candidates({ source: '900_second_source_fixture', raw, entities: path.join(raw, 'entities.json') }))
    const file = path.join(raw, '900_second_source_fixture', 'annotations.yaml')
    const text = fs.readFileSync(file, 'utf8')
    expect(text.startsWith('# DRAFT')).toBe(true)
    const draft = parse(text)
    expect(validator('annotations')(draft)).toBe(true)
    expect(draft.review.status).toBe('draft')
    expect(draft.funding).toHaveLength(1)
    expect(draft.funding[0]).toMatchObject({
      type: 'investment',
      status: 'completed',
      recipient: 'openai',
      funders: [{ entity: 'microsoft', lead: true }],
      funders_complete: true,
      evidence: [{ quote: '此后不到半年,OpenAI从微软获得了10亿美元的投资。' }, { quote: '微软押注OpenAI' }],
      date_quote: { quote: '2019年3月11日' },
    })
    // the funding has its event; 宣布成立一家…实体 names no founded entity, so it is listed as not drafted instead of drafted with a placeholder
    expect(draft.events.map((e: { type: string; id: string }) => [e.type, e.id])).toEqual([['funding', draft.funding[0].event]])
    expect(draft.events[0].summary_en).toBe('Microsoft invests in OpenAI.')
    expect(text).toMatch(/^# Not drafted \(1\):\n# {3}line 2 \(event\): cue 成立 but no construction names the subject/m)
    expect(text).not.toMatch(/unknown-entity|TODO|&a\d|\*a\d/)
  })

  it('writes what the reviewer must settle above the record, as a comment', () => {
    const raw = rawWithoutAnnotations()
    const dir = path.join(raw, '900_second_source_fixture')
    fs.writeFileSync(path.join(dir, 'article.txt'), '微软追加投资\n据悉,微软将向OpenAI追加投资100亿美元。')
    candidates({ source: '900_second_source_fixture', raw, entities: path.join(raw, 'entities.json') })
    const text = fs.readFileSync(path.join(dir, 'annotations.yaml'), 'utf8')
    const draft = parse(text)
    expect(draft.funding[0]).toMatchObject({ status: 'claimed', attributed_to: null, recipient: 'openai', funders: [{ entity: 'microsoft' }] })
    expect(draft.events[0].summary_en).toBe('Microsoft reportedly invests in OpenAI (according to sources the text does not name).')
    expect(text).toMatch(/# REVIEW: claimed by sources the text does not name.*\n\s+- id: microsoft-openai-2023\n/)
  })

  it('never overwrites existing annotations', () => {
    const raw = rawWithoutAnnotations()
    const file = path.join(raw, '900_second_source_fixture', 'annotations.yaml')
    fs.writeFileSync(file, 'curated: true\n')
    expect(() => candidates({ source: '900_second_source_fixture', raw, entities: path.join(raw, 'entities.json') })).toThrow(
      /already exists: candidates never overwrites/,
    )
    expect(fs.readFileSync(file, 'utf8')).toBe('curated: true\n')
  })

  it('refuses a source name with path characters', () => {
    expect(() => candidates({ source: '../x', raw: tempDir('cand'), entities: '' })).toThrow(/SOURCE must be a source folder name/)
  })
})
