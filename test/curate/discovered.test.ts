import { describe, expect, it } from 'vitest'
import { articleMentions, curatedNames } from '../../pipeline/curate/discovered.ts'
import { sourceMeta } from '../helpers/source.ts'

const meta = sourceMeta({ source_id: 't1', published_on: '2025-06-02' })
const NAMES = curatedNames([])

describe('articleMentions', () => {
  it('keeps a number written inside a discovered name as part of the name (松岭三期基金)', () => {
    const { mentions } = articleMentions('松岭三期基金本周完成募集。', meta, NAMES)
    expect(mentions.filter((m) => m.kind === 'entity').map((m) => m.text)).toEqual(['松岭三期基金'])
    expect(mentions.filter((m) => m.kind === 'number')).toEqual([])
  })

  it('still reads an amount next to a discovered name as money, not as part of it', () => {
    const { mentions } = articleMentions('白桦创投投资了知秋2000万元。', meta, NAMES)
    expect(mentions.filter((m) => m.kind === 'entity').map((m) => m.text)).toEqual(['白桦创投', '知秋'])
    expect(mentions.filter((m) => m.kind === 'money').map((m) => m.text)).toEqual(['2000万元'])
  })
})
