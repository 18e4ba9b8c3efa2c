import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCsvRows } from '../pipeline/store/csv.ts'
import { ROOT } from '../pipeline/store/layout.ts'
import { build, copyRaw, copyShared, SEED, sharedBuild, snapshot, tempDir } from './helpers/build.ts'

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'second-source')

// a copy of the run's shared build of the first article: each failing build below runs on top of it
const { out } = copyShared()
const before = snapshot(path.join(out, 'dataset'))

/** Copies the first article's raw/, lets the test break it, and expects the build to fail with `message`, leaving out/dataset/ as it was. */
async function expectFailure(breakIt: (raw: string) => void, message: RegExp) {
  const raw = copyRaw(tempDir('raw'), sharedBuild().raw)
  breakIt(raw)
  await expect(build(raw, out)).rejects.toThrow(message)
  expect(snapshot(path.join(out, 'dataset'))).toEqual(before)
}

const edit = (raw: string, file: string, from: string | RegExp, to: string) => {
  const p = path.join(raw, SEED, file)
  const text = fs.readFileSync(p, 'utf8')
  const changed = text.replace(from, to)
  if (changed === text) throw new Error(`test setup: ${String(from)} not in ${file}`)
  fs.writeFileSync(p, changed)
}

describe('bad input stops the build with a clear error and leaves out/dataset/ untouched', () => {
  it('invalid UTF-8 in an article names the byte offset', async () => {
    await expectFailure(
      (raw) => fs.writeFileSync(path.join(raw, SEED, 'article.txt'), Buffer.from([0xe4, 0xb8, 0xad, 0xc3, 0x28])),
      /article\.txt[\s\S]*invalid UTF-8 at byte offset 3/,
    )
  })

  it('an empty article', async () => {
    await expectFailure((raw) => fs.writeFileSync(path.join(raw, SEED, 'article.txt'), '\n  \n'), /article\.txt[\s\S]*the article is empty/)
  })

  it('a missing source.json', async () => {
    await expectFailure((raw) => fs.rmSync(path.join(raw, SEED, 'source.json')), /source\.json[\s\S]*file not found/)
  })

  it('an invalid source.json, with its line and JSON pointer', async () => {
    await expectFailure(
      (raw) => edit(raw, 'source.json', '"language": "zh-Hans"', '"language": 7'),
      /source\.json:\d+ \/language\n {2}expected: must be string; found 7/,
    )
  })

  it('an annotation that breaks its schema, with its line', async () => {
    await expectFailure(
      (raw) => edit(raw, 'annotations.yaml', 'type: pledge', 'type: gift'),
      /annotations\.yaml:\d+ \/funding\/0\/type\n {2}expected one of \["pledge",/,
    )
  })

  it('an unknown entity', async () => {
    await expectFailure(
      (raw) => edit(raw, 'annotations.yaml', 'recipient: openai', 'recipient: open-ai-inc'),
      /annotations\.yaml:\d+ \/funding\/0\/recipient\n {2}unknown entity "open-ai-inc"/,
    )
  })

  it('a quote that is not in the article shows the closest passage', async () => {
    await expectFailure(
      (raw) =>
        edit(
          raw,
          'annotations.yaml',
          '在不到半年的时间里,OpenAI从微软获得了10亿美元\n    date_quote',
          '在不到半年的时间里,OpenAI从微软获得了20亿美元\n    date_quote',
        ),
      /annotations\.yaml:\d+ \/events\/5\/evidence\/0\/quote\n {2}quote not found in the article: "在不到半年的时间里,OpenAI从微软获得了20亿美元"\n {2}closest passage \(line \d+\): "阿尔特曼的做法让很多投资人望而却步,但是微软却看到其中的机会,在不到半年的时间里,OpenAI从微软获得了10亿美元。"/,
    )
  })

  it('an ambiguous quote', async () => {
    await expectFailure(
      (raw) => edit(raw, 'annotations.yaml', '2022年11月,OpenAI推出了人工智能对话聊天机器人ChatGPT。', 'ChatGPT'),
      /\/events\/6\/evidence\/0\/quote\n {2}ambiguous quote: "ChatGPT" occurs \d+ times/,
    )
  })

  it('an override without a reason', async () => {
    await expectFailure(
      (raw) => edit(raw, 'annotations.yaml', /\n {8}reason: 此后 places the departure[^\n]*/, ''),
      /\/events\/2\/overrides\/0\n {2}missing required property "reason"/,
    )
  })

  it('duplicate ids', async () => {
    await expectFailure(
      (raw) => edit(raw, 'annotations.yaml', 'id: gpt-4-launched', 'id: chatgpt-launched-2022'),
      /\/events\/8\n {2}duplicate id "chatgpt-launched-2022" \(already used at \/events\/6\)/,
    )
  })

  it('a broken foreign key', async () => {
    await expectFailure(
      (raw) => edit(raw, 'annotations.yaml', 'event: openai-founded-2015', 'event: openai-founded-2016'),
      /check funding_event_id_not_in_events failed for 1 row[\s\S]*openai-founded-2016/,
    )
  })

  it('a money record whose evidence holds no amount', async () => {
    await expectFailure(
      (raw) => edit(raw, 'annotations.yaml', '- quote: 我捐赠了约1亿美元的非营利组织\n', '- quote: 我捐赠了约\n'),
      /\/funding\/2\/evidence\n {2}money record whose evidence holds no amount/,
    )
  })

  it('a source folder with an unsafe name', async () => {
    await expectFailure((raw) => fs.mkdirSync(path.join(raw, '-rf x')), /unsafe source folder name "-rf x"/)
  })

  it('a draft that nobody reviewed', async () => {
    await expectFailure(
      (raw) => edit(raw, 'annotations.yaml', 'status: reviewed', 'status: draft'),
      /\/review\/status\n {2}found "draft": a person must review/,
    )
  })

  it('two sources that disagree on a value, naming both', async () => {
    await expectFailure((raw) => {
      fs.cpSync(FIXTURE, path.join(raw, '900_second_source_fixture'), { recursive: true })
      for (const file of ['article.txt', 'annotations.yaml']) {
        const p = path.join(raw, '900_second_source_fixture', file)
        fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replaceAll('10亿美元', '20亿美元'))
      }
    }, /check funding_reported_differently failed for 1 row[\s\S]*"record_id":"microsoft-openai-2019","sources":"000_2e1e9aed17e7acf1 and 900_second_source_fixture"/)
  })
})

describe('an event reported by two sources', () => {
  it('is one event with evidence from both and source_count 2', async () => {
    const raw = copyRaw(tempDir('raw'), sharedBuild().raw)
    fs.cpSync(FIXTURE, path.join(raw, '900_second_source_fixture'), { recursive: true })
    const dataset = await build(raw, tempDir('two'))
    const rows = (t: string) => readCsvRows(path.join(dataset, `${t}.csv`))
    const event = rows('events').filter((r) => r.event_id === 'microsoft-invests-in-openai-2019')
    expect(event).toHaveLength(1)
    expect(event[0].source_count).toBe('2')
    const evidence = rows('evidence').filter((r) => r.record_id === 'microsoft-invests-in-openai-2019')
    expect(evidence.map((r) => r.source_id).sort()).toEqual(['000_2e1e9aed17e7acf1', '900_second_source_fixture'])
    expect(rows('funding').filter((r) => r.funding_id === 'microsoft-openai-2019')).toHaveLength(1)
  })
})
