import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openccScript } from '../../pipeline/curate/opencc-script.ts'
import { buildEntityMatcher, type Entity } from '../../pipeline/normalize/entities.ts'
import { extractMentions } from '../../pipeline/normalize/mentions.ts'
import { DEFAULT_ENTITIES, ROOT } from '../../pipeline/store/layout.ts'
import { sliceCodePoints } from '../helpers/text.ts'

const SEED = path.join(ROOT, 'raw', '000_2e1e9aed17e7acf1', 'article.txt')
const entities = buildEntityMatcher((JSON.parse(fs.readFileSync(DEFAULT_ENTITIES, 'utf8')) as { entities: Entity[] }).entities, openccScript())

function cli(args: string[], input: string | Buffer) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'pipeline', 'cli', 'extract.ts'), ...args], { input, cwd: ROOT, encoding: 'utf8' })
}

describe('the extract command', () => {
  it('prints every mention of the first article with offsets that slice back to the text', () => {
    const text = fs.readFileSync(SEED, 'utf8')
    const out = cli([], text)
    expect(out.status).toBe(0)
    const { mentions } = JSON.parse(out.stdout) as { mentions: { kind: string; start: number; end: number; text: string }[] }
    for (const m of mentions) expect(sliceCodePoints(text, m.start, m.end)).toBe(m.text)
    const money = mentions.filter((m) => m.kind === 'money').map((m) => m.text)
    expect(money).toEqual(['300亿美金', '10亿美元', '10亿美元', '约1亿美元', '300亿美元', '300亿美金'])
  })

  it('resolves relative dates against --reference-date', () => {
    const out = cli(['--reference-date', '2023-03-20'], '去年12月')
    expect(JSON.parse(out.stdout).mentions[0]).toMatchObject({ kind: 'time', date_start: '2022-12-01', date_end: '2022-12-31', date_precision: 'month' })
  })

  it('refuses a reference date that is not a real day', () => {
    const out = cli(['--reference-date', '2023-02-30'], '去年')
    expect(out.status).toBe(1)
    expect(out.stderr).toMatch(/reference date must be a real date written YYYY-MM-DD, found "2023-02-30"/)
  })

  it('names the byte offset of invalid UTF-8 and exits non-zero', () => {
    const out = cli([], Buffer.from([0xe4, 0xb8, 0xad, 0xff, 0x41]))
    expect(out.status).toBe(1)
    expect(out.stderr).toMatch(/invalid UTF-8 at byte offset 3/)
  })

  it('prints no mentions for empty input', () => {
    expect(JSON.parse(cli([], '').stdout)).toEqual({ mentions: [] })
  })

  it('answers JSON lines in order and reports a bad line without stopping', () => {
    const input = [
      JSON.stringify({ id: 'a', text: '2019年获得10亿美元', reference_date: null }),
      '{not json',
      JSON.stringify({ id: 'c', text: 42 }),
      JSON.stringify({ id: 'd', text: '去年', reference_date: '2020-05-01' }),
    ].join('\n')
    const lines = cli(['--jsonl'], input)
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(4)
    expect(lines[0].id).toBe('a')
    expect(lines[0].mentions.map((m: { kind: string }) => m.kind)).toEqual(['time', 'money'])
    expect(lines[1]).toMatchObject({ line: 2, id: null })
    expect(lines[1].error).toMatch(/JSON/)
    expect(lines[2]).toMatchObject({ line: 3, id: 'c', error: '"text" must be a string, found 42' })
    expect(lines[3].mentions[0]).toMatchObject({ date_start: '2019-01-01' })
  })

  it('reads a bare 元 in the currency of --currency-default, and says so in currency_rule', () => {
    const text = '每股定价7.2元，另付5000万美元'
    const hkd = JSON.parse(cli(['--currency-default', 'HKD'], text).stdout).mentions
    expect(hkd.map((m: Record<string, unknown>) => [m.text, m.currency, m.currency_rule])).toEqual([
      ['7.2元', 'HKD', 'source_default'],
      ['5000万美元', 'USD', 'written'],
    ])
    // without the option a bare 元 is CNY, for want of anything else
    expect(JSON.parse(cli([], text).stdout).mentions[0]).toMatchObject({ currency: 'CNY', currency_rule: 'default' })
  })

  it('takes --currency-default for every line of --jsonl', () => {
    const out = cli(['--jsonl', '--currency-default', 'TWD'], JSON.stringify({ id: 'a', text: '售价300元' }))
    expect(JSON.parse(out.stdout).mentions[0]).toMatchObject({ currency: 'TWD', currency_rule: 'source_default' })
  })

  it.each(['hkd', 'HK', 'HKDD', 'HK$', ''])('refuses --currency-default %j, which source.json would refuse too, with a usage message', (code) => {
    const out = cli(['--currency-default', code], '7.2元')
    expect(out.status).toBe(2)
    expect(out.stdout).toBe('')
    expect(out.stderr).toContain(
      `--currency-default must be an ISO 4217 code of three capital letters, as source.json's currency_default (HKD, TWD), found "${code}"`,
    )
    expect(out.stderr).toMatch(/usage: extract/)
  })

  it('rejects an unknown option with a usage message', () => {
    const out = cli(['--nope'], '')
    expect(out.status).toBe(2)
    expect(out.stderr).toMatch(/usage: extract/)
  })

  it('runs through npm run -s extract as the README says', () => {
    const stdout = execFileSync('npm', ['run', '-s', 'extract'], { input: '10亿美元', cwd: ROOT, encoding: 'utf8' })
    expect(JSON.parse(stdout).mentions[0]).toMatchObject({ kind: 'money', amount: 1e9, currency: 'USD' })
  })
})

describe('extractMentions on any input', () => {
  const alphabet = fc.constantFrom(
    ...'0123456789０１２３一二两三十百千万亿萬億零年月日号初底中上下半季度多余几数约近超过左右以上美元港币人民币$¥.,，。-~到至分之%倍个 \n\t\u0000\u0007😀𠀀马斯克OpenAIgpt-4'.split(
      '',
    ),
  )
  const newsy = fc.array(alphabet, { maxLength: 80 }).map((a) => a.join(''))

  it('never throws, and every mention is a valid slice of the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), newsy), fc.option(fc.constant('2023-03-20'), { nil: null }), (text, ref) => {
        const mentions = extractMentions(text, { referenceDate: ref, entities })
        const length = [...text].length
        let lastEnd = 0
        for (const m of mentions) {
          expect(m.start).toBeGreaterThanOrEqual(lastEnd)
          expect(m.end).toBeGreaterThan(m.start)
          expect(m.end).toBeLessThanOrEqual(length)
          expect(sliceCodePoints(text, m.start, m.end)).toBe(m.text)
          lastEnd = m.end
        }
      }),
      { numRuns: 1500, seed: 20230317 },
    )
  })

  it('handles a 10 MB input without pathological slowdown of any pattern', () => {
    const unit = '2019年3月11日,OpenAI从微软获得了约10亿美元,估值超过300亿美元,增长30%。'
    const text = unit.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(unit)))
    const mentions = extractMentions(text, { entities })
    expect(mentions.length).toBe((text.length / unit.length) * 6)
  })

  it('survives long runs of the characters its patterns repeat', () => {
    for (const ch of ['1', '一', '年', '.', ',', '-', '多', ' ', '万']) {
      expect(() => extractMentions(ch.repeat(200_000))).not.toThrow()
    }
  })
})
