import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openccScript } from '../../pipeline/curate/opencc-script.ts'
import { buildEntityMatcher, type Entity } from '../../pipeline/normalize/entities.ts'
import { ONE_SCRIPT } from '../../pipeline/normalize/script-fold.ts'
import { foldText } from '../../pipeline/normalize/text.ts'
import { DEFAULT_ENTITIES } from '../../pipeline/store/layout.ts'
import { readJsonValid, validator } from '../../pipeline/store/validate.ts'

// read without validation here: the first test validates it, so a list that breaks the schema fails there by name
const data = JSON.parse(fs.readFileSync(DEFAULT_ENTITIES, 'utf8'))
const list: Entity[] = data.entities
const matcher = buildEntityMatcher(list, openccScript())
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
    expect(() => buildEntityMatcher([list[0], twin], openccScript())).toThrow(/belongs to both elon-musk and someone-else/)
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

describe('names in traditional characters', () => {
  const dir = path.join(path.dirname(DEFAULT_ENTITIES), '..', 'test', 'fixtures', 'traditional-source')
  const fixture: Entity[] = JSON.parse(fs.readFileSync(path.join(dir, 'entities.json'), 'utf8')).entities
  const text = fs.readFileSync(path.join(dir, 'article.txt'), 'utf8')
  const hant = buildEntityMatcher(fixture, openccScript())
  const found = hant.find(foldText(text)).map((m) => ({ ...m, text: text.slice(m.start, m.end) }))

  it('finds a name the list writes in simplified characters, at the article own offsets and characters', () => {
    const galaxy = found.filter((m) => m.entity_id === 'galaxy-robotics')
    expect(galaxy.map((m) => m.text)).toEqual(['銀河機器人', '銀河機器人', '銀河機器人'])
    expect(galaxy.map((m) => m.start)).toEqual([0, text.indexOf('銀河機器人', 1), text.indexOf('銀河機器人創辦人')])
    expect(found.find((m) => m.entity_id === 'qiming')).toMatchObject({ start: text.indexOf('啟明創投'), end: text.indexOf('啟明創投') + 4, text: '啟明創投' })
  })

  it('keeps the longer name that holds another: 銀河機器人學院 is the academy, not the robot maker', () => {
    const at = text.indexOf('銀河機器人學院')
    expect(found.filter((m) => m.start >= at && m.start < at + 7)).toEqual([
      { start: at, end: at + 7, entity_id: 'galaxy-robotics-academy', entity_type: 'organization', text: '銀河機器人學院' },
    ])
  })

  it('finds a name written the same in both scripts once', () => {
    expect(found.filter((m) => m.entity_id === 'baidu')).toEqual([
      { start: text.indexOf('百度'), end: text.indexOf('百度') + 2, entity_id: 'baidu', entity_type: 'organization', text: '百度' },
    ])
  })

  it('finds the curated list in either script: 微軟, 亞馬遜, 美聯儲', () => {
    expect(find('微軟、亞馬遜與美聯儲')).toEqual([
      ['微軟', 'microsoft'],
      ['亞馬遜', 'amazon'],
      ['美聯儲', 'federal-reserve'],
    ])
  })

  it('is the script tables that find them: read in one script, the traditional spelling is not the name', () => {
    expect(buildEntityMatcher(fixture, ONE_SCRIPT).find(foldText('銀河機器人與银河机器人'))).toEqual([
      { start: 6, end: 11, entity_id: 'galaxy-robotics', entity_type: 'organization' },
    ])
  })

  it('refuses a list whose two names differ only by script', () => {
    const twin = { ...list[0], entity_id: 'someone-else', name_en: 'Someone', aliases: [], name_zh: '馬斯克' }
    expect(() => buildEntityMatcher([list[0], twin], openccScript())).toThrow(/belongs to both elon-musk and someone-else/)
  })
})
