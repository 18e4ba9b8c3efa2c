/**
 * Past one machine: the per-article stages run as shards keyed by source id (`make dataset SHARD=k/n`,
 * pipeline/build.ts --shard), the model reads every shard's records (SHARDS=n), and the dataset is
 * byte-identical to the one-machine build's, after a change to one article too.
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { main as buildDataset } from '../pipeline/build.ts'
import { inShard, parseShard, parseShardCount, ROOT, shardFolder, shardOf } from '../pipeline/store/layout.ts'
import { readManifest } from '../pipeline/store/manifest.ts'
import { listSources } from '../pipeline/store/sources.ts'
import { machineCorpus, quietly, snapshotTree, tempDir } from './helpers/build.ts'

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus')

const SHARDS = 4

const oneMachine = (raw: string, out: string) => quietly(() => buildDataset({ raw, build: path.join(out, 'build'), out: path.join(out, 'dataset') }))

/** Every shard as its own build (as n jobs would), then the model and export over all of them. */
async function sharded(raw: string, out: string, only?: number[]): Promise<void> {
  const folders = { raw, build: path.join(out, 'build'), out: path.join(out, 'dataset') }
  for (let k = 1; k <= SHARDS; k++) if (!only || only.includes(k)) await quietly(() => buildDataset({ ...folders, shard: `${k}/${SHARDS}` }))
  await quietly(() => buildDataset(folders, String(SHARDS)))
}

describe('shards', () => {
  it('puts every source in exactly one shard, by its id alone', () => {
    const ids = listSources(CORPUS)
    const parts = Array.from({ length: SHARDS }, (_, i) => inShard(ids, `${i + 1}/${SHARDS}`))
    expect(parts.flat().sort()).toEqual([...ids].sort())
    for (const [i, part] of parts.entries()) for (const id of part) expect(shardOf(id, SHARDS)).toBe(i + 1)
    // the same id lands in the same shard however it is listed
    expect(inShard([...ids].reverse(), `2/${SHARDS}`)).toEqual([...parts[1]].reverse())
    expect(inShard(ids, '')).toEqual(ids)
  })

  it('refuses a shard that is not k/n with 1 <= k <= n, and a count that is not a whole number', () => {
    for (const bad of ['0/4', '5/4', '3', '1/0', 'a/b', '1/4 ']) expect(() => parseShard(bad)).toThrow(`SHARD: found "${bad}", expected k/n with 1 <= k <= n`)
    expect(parseShard('3/16')).toEqual({ k: 3, n: 16 })
    for (const bad of ['0', '-2', 'four', '1.5']) expect(() => parseShardCount(bad)).toThrow(`SHARDS: found "${bad}", expected the number of shards`)
  })

  describe(`a corpus built in ${SHARDS} shards`, () => {
    let raw: string
    let one: string
    let many: string
    beforeAll(async () => {
      raw = machineCorpus('shards-raw')
      one = tempDir('shards-one')
      many = tempDir('shards-many')
      await oneMachine(raw, one)
      await sharded(raw, many)
    })

    it('splits the sources among the shards, each in one', () => {
      const held = Array.from({ length: SHARDS }, (_, i) =>
        Object.keys(readManifest(path.join(shardFolder(path.join(many, 'build'), { k: i + 1, n: SHARDS }), '04-validate'))),
      )
      expect(held.flat().sort()).toEqual(listSources(raw))
      // more than one shard does work, or the comparison below would prove little
      expect(held.filter((ids) => ids.length > 0).length).toBeGreaterThan(1)
    })

    it('gives a dataset byte-identical to the one-machine build', () => {
      const a = snapshotTree(path.join(one, 'dataset'))
      expect(Object.keys(a)).toContain('funding.csv')
      expect(snapshotTree(path.join(many, 'dataset'))).toEqual(a)
    })

    it('after one article changes, rebuilding its shard alone and the model gives the one-machine dataset again', async () => {
      const id = listSources(raw)[0]
      fs.appendFileSync(path.join(raw, id, 'article.txt'), '\n这是一句为测试分片而补写的话。')
      await oneMachine(raw, one)
      await sharded(raw, many, [shardOf(id, SHARDS)])
      expect(snapshotTree(path.join(many, 'dataset'))).toEqual(snapshotTree(path.join(one, 'dataset')))
    })

    it('refuses to model shards that are not all there, naming the missing folder', async () => {
      const build = path.join(many, 'build')
      await expect(quietly(() => buildDataset({ raw, build, out: path.join(many, 'dataset') }, String(SHARDS + 1)))).rejects.toThrow(
        `${path.join(shardFolder(build, { k: 1, n: SHARDS + 1 }), '04-validate')}: no _manifest.json`,
      )
    })

    it('refuses a shard an older build wrote (manifest.json, not _manifest.json), saying to build it again', async () => {
      const build = path.join(many, 'build')
      const folder = path.join(shardFolder(build, { k: 2, n: SHARDS }), '04-validate')
      fs.renameSync(path.join(folder, '_manifest.json'), path.join(folder, 'manifest.json'))
      try {
        await expect(quietly(() => buildDataset({ raw, build, out: path.join(many, 'dataset') }, String(SHARDS)))).rejects.toThrow(
          `${folder}: found manifest.json and no _manifest.json, the output of a build from before 3 December 2026 (expected this version's: run this shard's \`make dataset SHARD=k/n\` again)`,
        )
      } finally {
        fs.renameSync(path.join(folder, 'manifest.json'), path.join(folder, '_manifest.json'))
      }
    })
  })
})
