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
  it('drafts schema-valid annotations marked as a draft, reading 从微软获得 as money received from Microsoft', async () => {
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
      recipient: 'openai',
      funders: [{ entity: 'microsoft' }],
      evidence: [{ quote: '此后不到半年,OpenAI从微软获得了10亿美元的投资。' }],
    })
    expect(draft.events.map((e: { type: string }) => e.type)).toEqual(['founded'])
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
