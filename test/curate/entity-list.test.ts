import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEntityList } from '../../pipeline/curate/entity-list.ts'
import { DEFAULT_ENTITIES } from '../../pipeline/store/layout.ts'

const real = JSON.parse(fs.readFileSync(DEFAULT_ENTITIES, 'utf8')) as { entities: Record<string, unknown>[] }

function listFile(entities: Record<string, unknown>[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-list-')), 'entities.json')
  fs.writeFileSync(file, `${JSON.stringify({ entities }, null, 2)}\n`)
  return file
}

describe('readEntityList', () => {
  it('reads the curated list', () => {
    expect(readEntityList(DEFAULT_ENTITIES).map((e) => e.entity_id)).toContain('elon-musk')
  })

  it('refuses an entity_id used twice, naming both places and the line', () => {
    const file = listFile([real.entities[0], { ...real.entities[1], entity_id: real.entities[0].entity_id }])
    expect(() => readEntityList(file)).toThrow(/entities\.json:\d+ \/entities\/1\/entity_id\n {2}duplicate entity_id "elon-musk" \(also \/entities\/0\)/)
  })

  it('refuses a name two entities both claim', () => {
    const file = listFile([real.entities[0], { ...real.entities[1], aliases: ['马斯克'] }])
    expect(() => readEntityList(file)).toThrow(/\/entities\/1\n {2}the name "马斯克" belongs to both elon-musk and sam-altman/)
  })
})
