import { describe, expect, it } from 'vitest'
import { discoverEntities, type EntityProposal, knownForms, simplifyChinese, slug } from '../../pipeline/curate/discover-entities.ts'
import type { Entity } from '../../pipeline/normalize/entities.ts'
import { foldText } from '../../pipeline/normalize/text.ts'
import { sliceCodePoints } from '../helpers/text.ts'
import { CASES, type DiscoveryCase, HELD_OUT } from './discover-entities.cases.ts'

/** A small curated list, as raw/entities.json has it. */
const LIST: Entity[] = [
  { entity_id: 'elon-musk', entity_type: 'person', name_en: 'Elon Musk', name_zh: '马斯克', aliases: ['埃隆·马斯克'] },
  { entity_id: 'openai', entity_type: 'organization', name_en: 'OpenAI', name_zh: null, aliases: ['Open AI'] },
  { entity_id: 'microsoft', entity_type: 'organization', name_en: 'Microsoft', name_zh: '微软', aliases: ['微软公司'] },
  { entity_id: 'amazon', entity_type: 'organization', name_en: 'Amazon', name_zh: '亚马逊', aliases: [] },
  { entity_id: 'tesla', entity_type: 'organization', name_en: 'Tesla', name_zh: '特斯拉', aliases: [] },
  { entity_id: 'chatgpt', entity_type: 'product', name_en: 'ChatGPT', name_zh: null, aliases: [] },
]
const KNOWN = knownForms(LIST)

const names = (ps: EntityProposal[]) => ps.map((p) => `${p.entity_type}:${p.name_zh ?? p.name_en}`)
const only = (text: string) => {
  const found = discoverEntities(text, KNOWN)
  expect(found).toHaveLength(1)
  return found[0]
}

/** Precision and recall of the proposals' "type:name" against the expected ones, over a set of cases. */
function score(cases: DiscoveryCase[]): { precision: number; recall: number } {
  let hits = 0
  let proposed = 0
  let expected = 0
  for (const c of cases) {
    const got = new Set(names(discoverEntities(c.text, KNOWN)))
    proposed += got.size
    expected += c.expected.length
    hits += c.expected.filter((e) => got.has(e)).length
  }
  return { precision: hits / proposed, recall: hits / expected }
}

describe('discoverEntities', () => {
  it('has at least 60 table cases, covering names to propose and words not to', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60)
    expect(CASES.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(10)
  })

  it.each(CASES.map((c) => [c.cue, c.text, c.expected] as const))('%s: %s', (_cue, text, expected) => {
    expect(names(discoverEntities(text, KNOWN))).toEqual(expected)
  })

  it.each(CASES.map((c) => [c.text] as const))('gives code point offsets that slice each occurrence out of %s', (text) => {
    for (const p of discoverEntities(text, KNOWN)) for (const o of p.occurrences) expect(sliceCodePoints(text, o.start, o.end)).toBe(o.text)
  })

  it.each([
    ['卡方科技今天发布了年度报告。', '卡方科技', 'suffix'],
    ['这家名为“卡方科技”的初创企业成立于2020年。', '卡方科技', 'quoted'],
    ['当天，Anthropic也发表了声明。', 'Anthropic', 'latin'],
    ['月之暗面(Moonshot AI)完成新一轮融资。', '月之暗面', 'gloss'],
    ['近日，云鲸宣布完成C轮融资。', '云鲸', 'funding-recipient'],
    ['本轮由红杉中国与经纬中国共同领投。', '红杉中国', 'investor-lead'],
    ['老虎环球及君联参投。', '君联', 'investor-follow'],
    ['投资方包括高榕、金沙江以及华登国际等。', '金沙江', 'investor-list'],
    ['杰森·黄在发布会上展示了新芯片。', '杰森·黄', 'transliteration'],
    ['创始人兼CEO王小川表示，公司会继续招聘。', '王小川', 'title'],
    ['刘海峰透露，团队已经扩大到三百人。', '刘海峰', 'speech'],
    ['百度发布“文心一言”。', '文心一言', 'product'],
  ])('records the cue that found each name: %s → %s by %s', (text, name, cue) => {
    const p = discoverEntities(text, KNOWN).find((x) => (x.name_zh ?? x.name_en) === name)
    expect(p?.occurrences[0].cue).toBe(cue)
  })

  it('makes a Chinese name with a Latin gloss one proposal: the gloss is name_en, an alias and the id', () => {
    const p = only('亚马逊云科技(AWS)宣布降价，AWS的客户很多。')
    expect(p).toMatchObject({ entity_id: 'aws', entity_type: 'organization', name_zh: '亚马逊云科技', name_en: 'AWS', aliases: ['AWS'] })
    expect(p.occurrences.map((o) => [o.start, o.end, o.cue])).toEqual([
      [0, 6, 'suffix'],
      [7, 10, 'gloss'],
      [16, 19, 'latin'],
    ])
  })

  it('links 智谱AI and Zhipu AI where the text glosses one with the other', () => {
    const p = only('智谱AI(Zhipu AI)完成融资。Zhipu AI表示感谢。')
    expect(p).toMatchObject({ entity_id: 'zhipu-ai', name_zh: '智谱AI', name_en: 'Zhipu AI', aliases: ['Zhipu AI'] })
    expect(p.occurrences).toHaveLength(3)
  })

  it('gives 天天果园 and 天天果園 one proposal and one id, from the simplified form', () => {
    const simplified = only('天天果园集团宣布扩张。')
    const traditional = only('港股上市公司天天果園集團宣佈擴張。')
    expect(traditional.entity_id).toBe(simplified.entity_id)
    expect(traditional).toMatchObject({ name_zh: '天天果园集团', aliases: ['天天果園集團'] })
    const both = only('天天果园集团和天天果園集團是同一家公司。')
    expect(both.occurrences.map((o) => o.text)).toEqual(['天天果园集团', '天天果園集團'])
  })

  it('makes ids deterministic slugs: of the Latin name, else of the pinyin (surname first for people)', () => {
    expect(only('天天果园集团宣布扩张。')).toMatchObject({ entity_id: 'tian-tian-guo-yuan-ji-tuan', name_en: 'Tian Tian Guo Yuan Ji Tuan' })
    expect(only('创始人兼CEO王小川表示，公司会继续招聘。')).toMatchObject({ entity_id: 'wang-xiaochuan', name_en: 'Wang Xiaochuan' })
    expect(only('欧阳明远表示，这只是第一步。')).toMatchObject({ entity_id: 'ouyang-mingyuan', name_en: 'Ouyang Mingyuan' })
    expect(only('杰森·黄在发布会上展示了新芯片。')).toMatchObject({ entity_id: 'jiesen-huang' })
    expect(only('据报道，Sequoia Capital China已经拆分。')).toMatchObject({ entity_id: 'sequoia-capital-china', name_zh: null })
    expect(only('IDG资本继续加码。')).toMatchObject({ entity_id: 'idg-zi-ben' })
    for (const c of CASES) expect(discoverEntities(c.text, KNOWN)).toEqual(discoverEntities(c.text, KNOWN))
    for (const c of CASES) for (const p of discoverEntities(c.text, KNOWN)) expect(p.entity_id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it('proposes 雾凇公司 as 雾凇 with the longer form as an alias', () => {
    expect(only('雾凇公司今年扭亏为盈。')).toMatchObject({ name_zh: '雾凇', aliases: ['雾凇公司'], entity_id: 'wu-song' })
  })

  it('finds every occurrence of a name once a cue has found it', () => {
    const p = only('卡方科技成立于2015年。三年后，卡方科技搬到了上海。')
    expect(p.occurrences.map((o) => [o.start, o.end])).toEqual([
      [0, 4],
      [17, 21],
    ])
  })

  it('counts offsets in code points, not UTF-16 units', () => {
    const [p] = discoverEntities('😀卡方科技成立，𠀀𠀁科技上市。', KNOWN)
    expect(p.occurrences[0]).toMatchObject({ start: 1, end: 5, text: '卡方科技' })
    const [, astral] = discoverEntities('😀卡方科技成立，𠀀𠀁科技上市。', KNOWN)
    expect(astral.occurrences[0]).toMatchObject({ start: 8, end: 12, text: '𠀀𠀁科技' })
  })

  it('lets a name the list knows block shorter names inside it, and proposes none of its forms', () => {
    expect(names(discoverEntities('特斯拉CEO埃隆·马斯克表示将出席。', KNOWN))).toEqual([])
    expect(names(discoverEntities('特斯拉CEO埃隆·马斯克表示将出席。', new Set()))).toEqual(['person:埃隆·马斯克'])
    expect(names(discoverEntities('亚马逊云科技的收入增长了。', KNOWN))).toEqual(['organization:亚马逊云科技'])
  })

  it('takes the known names as a Set of folded forms or as an object with isKnown', () => {
    const text = '由红杉中国领投，高瓴资本跟投。'
    const asObject = { isKnown: (folded: string) => folded === '红杉中国' }
    expect(names(discoverEntities(text, asObject))).toEqual(['organization:高瓴资本'])
    expect(names(discoverEntities(text, new Set([foldText('高瓴资本')])))).toEqual(['organization:红杉中国'])
  })

  it('knows a name of the list in traditional characters too', () => {
    const known = knownForms([{ entity_id: 'x', entity_type: 'organization', name_en: 'X', name_zh: '天天果园集团', aliases: [] }])
    expect(discoverEntities('天天果園集團宣佈擴張。', known)).toEqual([])
  })

  it('folds traditional characters without changing the length, so offsets hold', () => {
    const text = '港股上市公司天天果園集團宣佈，亞馬遜雲科技（AWS）在臺灣設立辦公室。'
    expect(simplifyChinese(text)).toHaveLength(text.length)
    expect(simplifyChinese(text)).toContain('天天果园集团宣布')
  })

  it('slugs Latin names to lowercase ASCII', () => {
    expect(slug('Sequoia Capital China')).toBe('sequoia-capital-china')
    expect(slug(' GPT-4o ')).toBe('gpt-4o')
    expect(slug('Café & Co.')).toBe('cafe-co')
  })

  it('scores precision and recall of 1 on the table cases and stays above a floor on held-out sentences', () => {
    expect(score(CASES)).toEqual({ precision: 1, recall: 1 })
    const held = score(HELD_OUT)
    expect(held.precision).toBeGreaterThanOrEqual(0.9)
    expect(held.recall).toBeGreaterThanOrEqual(0.8)
  })
})
