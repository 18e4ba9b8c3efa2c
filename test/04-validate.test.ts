import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { recordRows, sourceRows, validatedLines } from '../pipeline/04-validate.ts'
import { extractMentions } from '../pipeline/normalize/mentions.ts'
import type { Assembled, Extracted, Ingested } from '../pipeline/store/stage-outputs.ts'
import { validator } from '../pipeline/store/validate.ts'

const SOURCE = {
  source_id: 's1',
  title: 't',
  publisher: 'p',
  url: null,
  language: 'zh-HK',
  published_on: '2024-05-02',
  retrieved_on: null,
  rights: 'r',
}
const nothing: Assembled = { source_id: 's1', events: [], event_participants: [], funding: [], funders: [], metrics: [], evidence: [], left_out: [] }

/** The mentions rows 04-validate makes of a text, its bare 元 in HKD. */
function mentionRows(text: string) {
  const ingested = { source_id: 's1', source: SOURCE, text, text_sha256: '0'.repeat(64), char_count: text.length, sentences: [] } as unknown as Ingested
  const extracted: Extracted = { source_id: 's1', mentions: extractMentions(text, { currencyDefault: 'HKD' }), discovered: [] }
  return [...(sourceRows(ingested, extracted, nothing).mentions ?? [])]
}

describe('sourceRows, mentions', () => {
  it('carries how the currency was chosen, the role of the amount and why none was read', () => {
    const rows = mentionRows('公司亏损2亿元，另一笔1亿2亿美元，又见十十。')
    expect(rows.map((r) => [r.text, r.currency, r.currency_rule, r.amount_role, r.amount_refused === null, r.number_refused === null])).toEqual([
      ['2亿元', 'HKD', 'source_default', 'loss', true, true],
      ['1亿2亿美元', 'USD', 'written', null, false, true],
      ['十十', null, null, null, true, false],
    ])
    expect(rows[1].amount_refused).toMatch(/亿/)
    expect(rows[2].number_refused).toMatch(/十/)
  })
  it('makes rows the mentions table schema accepts', () => {
    const validate = validator('tables/mentions')
    for (const row of mentionRows('约合人民币7亿元，融资5亿左右，增长35%，2019年3月11日，亿亿。'))
      expect([validate(row), validate.errors]).toEqual([true, null])
  })
})

describe('validatedLines, the records of one source', () => {
  // the first article's records as 03-assemble writes them (the golden file)
  const assembled = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'golden', '03-assemble', '000_2e1e9aed17e7acf1.json'), 'utf8')) as Assembled

  it('are accepted as 03-assemble writes them', () => {
    expect(validatedLines(recordRows(assembled), 's1', 'a.json').split('\n').length).toBeGreaterThan(assembled.evidence.length)
  })

  it('are refused when a record is reported twice, or evidence quotes a record the source does not report, each named', () => {
    const [event] = assembled.events
    const bad = {
      ...recordRows(assembled),
      events: [...assembled.events, event],
      evidence: [...assembled.evidence, { ...assembled.evidence[0], record_id: 'another-sources-record' }],
    }
    const twice = `events[${assembled.events.length}]/event_id\n  expected: a record this source reports once; found "${event.event_id}", the id of events[0] too`
    const foreign = `evidence[${assembled.evidence.length}]/record_id\n  expected: a record of this source (${assembled.evidence[0].record_table} of this file); found "another-sources-record", which it does not report`
    expect(() => validatedLines(bad, 's1', 'a.json')).toThrow(twice)
    expect(() => validatedLines(bad, 's1', 'a.json')).toThrow(foreign)
    // neither comes from the curator's annotations: the message says so, and what to do instead
    const hint = '\n  (not a fault of raw/s1/annotations.yaml, which 03-assemble checks for this at its line'
    expect(() => validatedLines(bad, 's1', 'a.json')).toThrow(`${twice}${hint}`)
    expect(() => validatedLines(bad, 's1', 'a.json')).toThrow(`${foreign}${hint}`)
  })
})
