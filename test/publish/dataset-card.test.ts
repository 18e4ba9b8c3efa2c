import { describe, expect, it } from 'vitest'
import { datasetCard, sizeCategory } from '../../pipeline/publish/dataset-card.ts'

describe('the dataset card', () => {
  it('puts the largest table in its Hugging Face size category', () => {
    expect(sizeCategory({ events: 11, mentions: 999 })).toBe('n<1K')
    expect(sizeCategory({ events: 11, mentions: 1000 })).toBe('1K<n<10K')
    expect(sizeCategory({ mentions: 250_000 })).toBe('100K<n<1M')
  })

  it('counts each tier and the sources from the data, naming no article or company of its own', () => {
    const card = datasetCard({
      version: '9.9.9',
      created: '2026-12-01T00:00:00Z',
      counts: { events: 30, funding: 12, mentions: 4000 },
      machine: { events: 20, funding: 5 },
      sources: [1, 2, 3].map((n) => ({ source_id: `s${n}`, title: `t${n}`, publisher: 'p', url: '', published_on: `2024-01-0${n}` })),
      changelogHead: 'changes',
    })
    expect(card).toContain('  - 1K<n<10K')
    expect(card).toContain('| events | 30 | 10 | 20 |')
    expect(card).toContain('| funding | 12 | 7 | 5 |')
    expect(card).toContain('| sources | 0 | – | – |')
    expect(card).toContain('- Coverage: 3 source article(s)')
    expect(card).not.toMatch(/OpenAI|openai|one article/)
  })
})
