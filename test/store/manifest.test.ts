import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { finishManifest, manifestFile, readManifest } from '../../pipeline/store/manifest.ts'
import { tempDir } from '../helpers/run.ts'

/** readManifest of a module loaded anew: what another process reads from the files, with no cache of this one's. */
async function readFresh(dir: string): Promise<Record<string, string>> {
  vi.resetModules()
  const fresh = (await import('../../pipeline/store/manifest.ts')) as typeof import('../../pipeline/store/manifest.ts')
  return { ...fresh.readManifest(dir) }
}

const outputs = (dir: string) => (id: string) => path.join(dir, `${id}.json`)
/** A folder whose manifest of n ids (`first`) was written whole. */
function written(prefix: string, n: number) {
  const dir = tempDir(prefix)
  const first = keys(n)
  finishManifest(dir, first, outputs(dir))
  return { dir, first }
}

/** A folder whose manifest was written whole (`first`), then once more with a log line (`second`: s0000 edited). */
function withLogLine(prefix: string, n: number) {
  const { dir, first } = written(prefix, n)
  const second = { ...first, s0000: 'edited' }
  finishManifest(dir, second, outputs(dir))
  return { dir, first, second }
}

const keys = (n: number, version = 'k') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${String(i).padStart(4, '0')}`, `${version}${i}`]))

describe('a stage manifest read again in the same process', () => {
  it('is the one on disk: what this process wrote, and what another wrote after it read (the same size and second too)', () => {
    const dir = tempDir('manifest')
    const file = manifestFile(dir)
    finishManifest(dir, { b: '2', a: '1' }, (id) => path.join(dir, id))
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n "_log": "1",\n "a": "1",\n "b": "2"\n}\n')
    expect(readManifest(dir)).toEqual({ a: '1', b: '2' })
    // rewritten in place by someone else, same length: only the stat (change time, nanoseconds) tells
    fs.writeFileSync(file, '{\n "_log": "1",\n "a": "3",\n "b": "4"\n}\n')
    expect(readManifest(dir)).toEqual({ a: '3', b: '4' })
    fs.rmSync(file)
    expect(readManifest(dir)).toEqual({})
  })
})

describe('a build folder an older build wrote (its own files not yet named with a leading _)', () => {
  const legacy = (dir: string) => {
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{"_log":"3","a":"old"}')
    fs.writeFileSync(path.join(dir, 'manifest.3.log'), '["a","older"]\n')
    fs.writeFileSync(path.join(dir, 'file-hashes.json'), '{}')
    fs.writeFileSync(path.join(dir, 'a.json'), '{}')
  }

  it("loses manifest.json, its logs and file-hashes.json when its first _manifest.json is written, and keeps the sources' outputs", () => {
    const dir = tempDir('manifest-legacy')
    legacy(dir)
    finishManifest(dir, { a: 'new' }, outputs(dir))
    expect(fs.readdirSync(dir).sort()).toEqual(['_manifest.json', 'a.json'])
    expect(readManifest(dir)).toEqual({ a: 'new' })
  })

  it('keeps a manifest.json or file-hashes.json that is the output of a source of that name', () => {
    const dir = tempDir('manifest-legacy-named')
    legacy(dir)
    // the sources "manifest" and "file-hashes" wrote their outputs in this build, over the old files
    finishManifest(dir, { a: 'new', manifest: 'm', 'file-hashes': 'f' }, outputs(dir))
    expect(fs.readdirSync(dir).sort()).toEqual(['_manifest.json', 'a.json', 'file-hashes.json', 'manifest.json'])
  })

  it("is left alone once it has a _manifest.json: a manifest.json there is a source's", () => {
    const { dir } = written('manifest-legacy-later', 2)
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{}')
    finishManifest(dir, { ...keys(2), manifest: 'm' }, outputs(dir))
    expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(true)
  })
})

describe('a stage manifest with its log', () => {
  it('appends the changed, added and removed ids to the log, leaving _manifest.json as it was, and reads as the whole', async () => {
    const dir = tempDir('manifest-log')
    const first = keys(20)
    finishManifest(dir, first, outputs(dir))
    const whole = fs.readFileSync(manifestFile(dir))
    fs.writeFileSync(path.join(dir, 's0003.json'), '{}')
    const second: Record<string, string> = { ...first, s0001: 'edited', s9999: 'new' }
    delete second.s0003
    finishManifest(dir, second, outputs(dir))
    expect(fs.readFileSync(manifestFile(dir))).toEqual(whole)
    expect(fs.readFileSync(path.join(dir, '_manifest.1.log'), 'utf8')).toBe('["s0001","edited"]\n["s0003",null]\n["s9999","new"]\n')
    // the output of the source that left is gone
    expect(fs.existsSync(path.join(dir, 's0003.json'))).toBe(false)
    expect(readManifest(dir)).toEqual(second)
    expect(await readFresh(dir)).toEqual(second)
    // shared by every reader in this process, and by the stage that wrote it: frozen
    expect(() => {
      ;(readManifest(dir) as Record<string, string>).s0001 = 'changed by a reader'
    }).toThrow(TypeError)
    expect(() => {
      second.s0002 = 'changed by the writer'
    }).toThrow(TypeError)
    // nothing changed: nothing written
    finishManifest(dir, second, outputs(dir))
    expect(fs.readFileSync(path.join(dir, '_manifest.1.log'), 'utf8').split('\n')).toHaveLength(4)
  })

  it('is written whole again once the log holds more than 1,000 lines (or a tenth of the ids), its old log removed', async () => {
    const dir = tempDir('manifest-compact')
    let now = keys(2000)
    finishManifest(dir, now, outputs(dir))
    // 1,000 changes fit in the log (it holds up to 1,000 lines, 2,000 ids being fewer than 10,000)
    for (let round = 0; round < 10; round++) {
      const next = { ...now }
      for (let i = 0; i < 100; i++) next[`s${String(round * 100 + i).padStart(4, '0')}`] = `edited${round}`
      finishManifest(dir, next, outputs(dir))
      now = next
    }
    expect(fs.readFileSync(path.join(dir, '_manifest.1.log'), 'utf8').split('\n')).toHaveLength(1001)
    expect(JSON.parse(fs.readFileSync(manifestFile(dir), 'utf8'))._log).toBe('1')
    const next = { ...now, s1999: 'one more' }
    finishManifest(dir, next, outputs(dir))
    const written = JSON.parse(fs.readFileSync(manifestFile(dir), 'utf8'))
    expect(written._log).toBe('2')
    expect(Object.keys(written)).toEqual(['_log', ...Object.keys(next).sort()])
    expect(fs.existsSync(path.join(dir, '_manifest.1.log'))).toBe(false)
    expect(fs.existsSync(path.join(dir, '_manifest.2.log'))).toBe(false)
    expect(await readFresh(dir)).toEqual(next)
  })

  it('ignores a last line cut short (a crash in an append), and is written whole at the next change', async () => {
    const { dir, second } = withLogLine('manifest-cut', 5)
    fs.appendFileSync(path.join(dir, '_manifest.1.log'), '["s0001","half')
    expect(await readFresh(dir)).toEqual(second)
    const third = { ...second, s0002: 'edited too' }
    finishManifest(dir, third, outputs(dir))
    expect(JSON.parse(fs.readFileSync(manifestFile(dir), 'utf8'))._log).toBe('2')
    expect(await readFresh(dir)).toEqual(third)
  })

  it('ignores a log its _manifest.json does not name (a crash between writing it whole and removing the old log)', async () => {
    const { dir, first } = written('manifest-stale', 3)
    fs.writeFileSync(path.join(dir, '_manifest.2.log'), '["s0000","from another generation"]\n')
    fs.writeFileSync(path.join(dir, '_manifest.0.log'), '["s0000","from no generation"]\n')
    expect(await readFresh(dir)).toEqual(first)
    // one without "_log" (written by hand, or by an older build) has no log
    fs.writeFileSync(manifestFile(dir), JSON.stringify(first))
    fs.writeFileSync(path.join(dir, '_manifest.1.log'), '["s0000","not read"]\n')
    expect(await readFresh(dir)).toEqual(first)
  })

  it('never adopts a log left from an earlier count of generations: after _manifest.json was deleted, or written without "_log"', async () => {
    const { dir, first } = withLogLine('manifest-restart', 3)
    // deleted to force a redo: the next build counts from 1 again, beside the old _manifest.1.log
    fs.rmSync(manifestFile(dir))
    const redone = { ...first, s0000: 'redone', s0001: 'redone' }
    finishManifest(dir, redone, outputs(dir))
    expect(readManifest(dir)).toEqual(redone)
    expect(await readFresh(dir)).toEqual(redone)
    // written by hand without "_log", beside a log of generation 1: the first change writes generation 1 without it
    fs.writeFileSync(manifestFile(dir), JSON.stringify(first))
    fs.writeFileSync(path.join(dir, '_manifest.1.log'), '["s0002","not adopted"]\n')
    const third = { ...first, s0001: 'third' }
    finishManifest(dir, third, outputs(dir))
    expect(await readFresh(dir)).toEqual(third)
  })

  it('refuses a line of its log that is not an id and a key, naming the file and line', async () => {
    const { dir } = written('manifest-bad', 3)
    fs.writeFileSync(path.join(dir, '_manifest.1.log'), '["s0000","a"]\n["s0001",7]\n')
    await expect(readFresh(dir)).rejects.toThrow(`${path.join(dir, '_manifest.1.log')}:2: found "[\\"s0001\\",7]", expected ["<source id>","<key>"]`)
    fs.writeFileSync(manifestFile(dir), '{"_log": "x"}')
    await expect(readFresh(dir)).rejects.toThrow(`${manifestFile(dir)}: "_log" is "x", expected the generation of its log`)
  })
})
