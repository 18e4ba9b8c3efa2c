import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, copyRaw, tempDir } from './helpers/build.ts'

const SEED = '000_2e1e9aed17e7acf1'

/** A copy of raw/ with one file of the first article edited; the edit must apply. */
function rawWith(file: string, from: string | RegExp, to: string): string {
  const raw = copyRaw()
  const p = path.join(raw, SEED, file)
  const text = fs.readFileSync(p, 'utf8')
  const changed = text.replace(from, to)
  if (changed === text) throw new Error(`test setup: ${String(from)} not in ${file}`)
  fs.writeFileSync(p, changed)
  return raw
}

const failure = (raw: string) =>
  build(raw, tempDir('safety')).then(
    () => '',
    (err: Error) => err.message,
  )

describe('a reviewed file is refused when it is not really reviewed', () => {
  it('still holding a draft placeholder, named at its line', async () => {
    const message = await failure(rawWith('annotations.yaml', 'summary_en: OpenAI is founded as a non-profit', 'summary_en: "TODO: summarize in English" #'))
    expect(message).toMatch(/annotations\.yaml:\d+ \/events\/0\/summary_en\n {2}found the placeholder "TODO"/)
  })

  it('naming the placeholder entity a draft uses for a subject it could not find', async () => {
    const message = await failure(
      rawWith(
        'annotations.yaml',
        'subject: openai\n    participants:\n      - { entity: elon-musk, role: backer }',
        'subject: unknown-entity\n    participants:\n      - { entity: elon-musk, role: backer }',
      ),
    )
    expect(message).toMatch(/\/events\/0\/subject\n {2}found the placeholder "unknown-entity"/)
  })

  it('with a funding record that names no funders yet says its funders are complete', async () => {
    const message = await failure(rawWith('annotations.yaml', /funders:\n {6}- \{ entity: microsoft, lead: true \}\n/, 'funders: []\n'))
    expect(message).toMatch(/annotations\.yaml:\d+ \/funding\/1\/funders\n {2}no funders named, but funders_complete is true/)
  })

  it('with a completed flow dated after the article was published', async () => {
    const message = await failure(rawWith('source.json', '"published_on": null', '"published_on": "2019-01-01"'))
    expect(message).toMatch(/\/funding\/1\/status\n {2}a completed record dated 2019-03-11, after the article's publication on 2019-01-01/)
  })

  it('with an ambiguous quote, reported once, without a knock-on complaint about the amount', async () => {
    const message = await failure(rawWith('annotations.yaml', /- quote: 在不到半年的时间里,OpenAI从微软获得了10亿美元/g, '- quote: 微软'))
    expect(message).toMatch(/\/funding\/1\/evidence\/0\/quote\n {2}ambiguous quote: "微软" occurs \d+ times/)
    expect(message).not.toMatch(/funding\/1\/evidence\n {2}money record whose evidence holds no amount/)
  })
})
