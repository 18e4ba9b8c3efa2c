import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildEntityMatcher, type Entity } from '../../pipeline/normalize/entities.ts'
import { foldText } from '../../pipeline/normalize/text.ts'
import { DEFAULT_ENTITIES } from '../../pipeline/store/layout.ts'
import { readJsonValid, validator } from '../../pipeline/store/validate.ts'

// read without validation here: the first test validates it, so a list that breaks the schema fails there by name
const data = JSON.parse(fs.readFileSync(DEFAULT_ENTITIES, 'utf8'))
const list: Entity[] = data.entities
const matcher = buildEntityMatcher(list)
const find = (text: string) => matcher.find(foldText(text)).map((m) => [text.slice(m.start, m.end), m.entity_id])

describe('the curated entity list', () => {
  it('validates against its schema and has unique ids', () => {
    const validate = validator('entities')
    expect([validate(data), validate.errors ?? null]).toEqual([true, null])
    expect(() => readJsonValid('entities', DEFAULT_ENTITIES)).not.toThrow()
    const ids = list.map((e) => e.entity_id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it.each([
    ['马斯克', 'elon-musk'],
    ['埃隆·马斯克', 'elon-musk'],
    ['Elon Musk', 'elon-musk'],
    ['elon musk', 'elon-musk'],
    ['阿尔特曼', 'sam-altman'],
    ['奥特曼', 'sam-altman'],
    ['Sam Altman', 'sam-altman'],
    ['比尔·盖茨', 'bill-gates'],
    ['雷德·霍夫曼', 'reid-hoffman'],
    ['贝佐斯', 'jeff-bezos'],
    ['Andrej Karpathy', 'andrej-karpathy'],
    ['OpenAI', 'openai'],
    ['openai', 'openai'],
    ['微软', 'microsoft'],
    ['谷歌', 'google'],
    ['特斯拉', 'tesla'],
    ['亚马逊', 'amazon'],
    ['推特', 'twitter'],
    ['美联储', 'federal-reserve'],
    ['ChatGPT', 'chatgpt'],
    ['GPT-4', 'gpt-4'],
    ['DALL-E', 'dall-e'],
    ['ＯｐｅｎＡＩ', 'openai'],
  ])('recognizes %s as %s', (text, id) => {
    expect(find(text)).toEqual([[text, id]])
  })

  it('prefers the longest name', () => {
    expect(find('埃隆·马斯克说')).toEqual([['埃隆·马斯克', 'elon-musk']])
  })

  it('matches Latin names only on word boundaries', () => {
    expect(find('OpenAIs and ChatGPTx and MuskOx')).toEqual([])
    expect(find('用ChatGPT写作')).toEqual([['ChatGPT', 'chatgpt']])
  })

  it('refuses a list where two entities claim one name', () => {
    const twin = { ...list[0], entity_id: 'someone-else' }
    expect(() => buildEntityMatcher([list[0], twin])).toThrow(/belongs to both elon-musk and someone-else/)
  })

  it('rejects a list that breaks the schema, naming the pointer and line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-entities-'))
    const file = `${dir}/entities.json`
    fs.writeFileSync(file, JSON.stringify({ entities: [{ ...list[0], entity_type: 'planet' }] }, null, 2))
    expect(() => readJsonValid('entities', file)).toThrow(
      /entities\.json:\d+ \/entities\/0\/entity_type\n {2}expected one of \["person","organization","product"\]; found "planet"/,
    )
  })
})
