import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { inputChanges } from '../../pipeline/store/changes.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { tempDir } from '../helpers/run.ts'

const hash = (c: string) => c.repeat(64)
const list = (headers: string[], entries: [string, string][]) =>
  [...headers.map((h) => `\t${h}`), ...entries.map(([n, c]) => `${n}\t${hash(c)}`)].join('\n') + '\n'
const [RAW, CODE] = [`raw\t${hash('a')}`, `code\t${hash('b')}`]
const HEADERS = [RAW, CODE]

function lists(before: string | null, now: string): { inputs: string; built: string } {
  const dir = tempDir('changes')
  const [inputs, built] = [path.join(dir, 'inputs.entries'), path.join(dir, 'built.entries')]
  fs.writeFileSync(inputs, now)
  if (before !== null) fs.writeFileSync(built, before)
  return { inputs, built }
}
const changesOf = (before: string | null, now: string) => {
  const { inputs, built } = lists(before, now)
  return inputChanges(inputs, built)
}

describe("the entries of raw/ that changed since the last complete build (make's list)", () => {
  it('are the names whose hash changed, that came or that left; the lists are named by their sha256', () => {
    const before = list(HEADERS, [
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['entities.json', '4'],
    ])
    const now = list(HEADERS, [
      ['a', '1'],
      ['b', '5'],
      ['d', '6'],
      ['entities.json', '4'],
    ])
    const changes = changesOf(before, now)
    expect([...(changes.names ?? [])].sort()).toEqual(['b', 'c', 'd'])
    expect([changes.from, changes.to]).toEqual([sha256(before), sha256(now)])
  })

  it('are none when nothing changed, and unknown with no list kept or another raw/ folder or other code', () => {
    const same = list(HEADERS, [['a', '1']])
    expect(changesOf(same, same).names).toEqual(new Set())
    const first = changesOf(null, same)
    expect([first.from, first.names]).toEqual([null, undefined])
    expect(changesOf(list([`raw\t${hash('c')}`, CODE], [['a', '1']]), same).names).toBeUndefined()
    expect(changesOf(list([RAW, `code\t${hash('c')}`], [['a', '1']]), same).names).toBeUndefined()
    // the build's own list, unreadable: a full check, not a failure
    const broken = changesOf('garbage\n', same)
    expect([broken.from, broken.names]).toEqual([null, undefined])
  })

  it('are kept for the next build only by commit, which writes this build list as the last complete one', () => {
    const before = list(HEADERS, [['a', '1']])
    const now = list(HEADERS, [['a', '2']])
    const { inputs, built } = lists(before, now)
    inputChanges(inputs, built)
    expect(fs.readFileSync(built, 'utf8')).toBe(before)
    inputChanges(inputs, built).commit()
    expect(fs.readFileSync(built, 'utf8')).toBe(now)
    expect(inputChanges(inputs, built).names).toEqual(new Set())
  })

  it('refuse a list that is not the signature script, naming the file, the line, what was found and what was expected', () => {
    const { inputs, built } = lists(null, `${list(HEADERS, [['a', '1']])}a 1\n`)
    expect(() => inputChanges(inputs, built)).toThrow(`${inputs}:4: found "a 1", expected <name><TAB><sha256> (the list input-signature.sh writes)`)
    fs.writeFileSync(inputs, list([CODE, RAW], []))
    expect(() => inputChanges(inputs, built)).toThrow(`${inputs}:1: found "\\tcode\\t${hash('b')}", expected a header, <TAB>raw<TAB><sha256>`)
    fs.writeFileSync(
      inputs,
      list(HEADERS, [
        ['a', '1'],
        ['b', '2'],
        ['b', '3'],
      ]),
    )
    expect(() => inputChanges(inputs, built)).toThrow(`${inputs}:5: found the name of line 4 again, expected each entry of raw/ once`)
    fs.writeFileSync(inputs, '')
    expect(() => inputChanges(inputs, built)).toThrow(`${inputs}: found 0 line(s), expected the two headers first`)
    fs.writeFileSync(inputs, list(HEADERS, []).trimEnd())
    expect(() => inputChanges(inputs, built)).toThrow(`${inputs}: the last line has no newline`)
    fs.rmSync(inputs)
    expect(() => inputChanges(inputs, built)).toThrow(`${inputs}: file not found (expected the list of raw/ that input-signature.sh writes)`)
  })
})
