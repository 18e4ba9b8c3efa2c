import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { sha256 } from '../../pipeline/store/files.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { SOURCE_FILES } from '../../pipeline/store/sources.ts'
import { copyRaw, signInputs, tempDir } from '../helpers/build.ts'

let raw: string
let sig: string
let id: string

beforeEach(() => {
  raw = copyRaw()
  sig = path.join(tempDir('signature'), 'inputs.sig')
  id = fs.readdirSync(raw).find((n) => fs.statSync(path.join(raw, n)).isDirectory()) as string
  expect(signInputs(raw, sig).status).toBe(0)
})

/** The signature after a change: its content, and whether the file was rewritten. */
function signedAfter(change: () => void): { changed: boolean; rewritten: boolean } {
  const [before, mtime] = [fs.readFileSync(sig, 'utf8'), fs.statSync(sig).mtimeMs]
  change()
  const run = signInputs(raw, sig)
  expect([run.status, run.stderr]).toEqual([0, ''])
  return { changed: fs.readFileSync(sig, 'utf8') !== before, rewritten: fs.statSync(sig).mtimeMs !== mtime }
}

describe('the signature of the inputs of make dataset', () => {
  it('is one hash, and is not rewritten when nothing changed (make then has nothing to do)', () => {
    expect(fs.readFileSync(sig, 'utf8')).toMatch(/^[0-9a-f]{64} {2}-\n$/)
    expect(signedAfter(() => {})).toEqual({ changed: false, rewritten: false })
  })

  it('changes with an edit that keeps the size and the modification time (touch -r)', () => {
    const file = path.join(raw, id, 'article.txt')
    const text = fs.readFileSync(file, 'utf8')
    // touch -r keeps the nanoseconds of the modification time, which fs.utimesSync would round
    const stamp = path.join(tempDir('stamp'), 'stamp')
    fs.writeFileSync(stamp, '')
    const touch = (from: string, to: string) => expect(spawnSync('touch', ['-r', from, to]).status).toBe(0)
    touch(file, stamp)
    // the same length, another character: only the change time says so
    const edited = text.replace(/。/, '！')
    expect(edited).not.toBe(text)
    expect(
      signedAfter(() => {
        fs.writeFileSync(file, edited)
        touch(stamp, file)
        expect(fs.statSync(file, { bigint: true }).mtimeNs).toBe(fs.statSync(stamp, { bigint: true }).mtimeNs)
      }),
    ).toEqual({ changed: true, rewritten: true })
  })

  it('changes when a source comes, leaves, gains annotations.yaml or loses source.json, and when the entity list changes', () => {
    const notes = path.join(raw, id, 'annotations.yaml')
    const saved = fs.readFileSync(notes)
    expect(signedAfter(() => fs.rmSync(notes)).changed).toBe(true)
    expect(signedAfter(() => fs.writeFileSync(notes, saved)).changed).toBe(true)
    expect(signedAfter(() => fs.cpSync(path.join(raw, id), path.join(raw, 'another'), { recursive: true })).changed).toBe(true)
    expect(signedAfter(() => fs.rmSync(path.join(raw, 'another', 'source.json'))).changed).toBe(true)
    expect(signedAfter(() => fs.rmSync(path.join(raw, 'another'), { recursive: true })).changed).toBe(true)
    expect(signedAfter(() => fs.appendFileSync(path.join(raw, 'entities.json'), '\n')).changed).toBe(true)
  })

  it('changes when a source folder is replaced by a link to a copy of it, which the build then refuses', () => {
    const copy = path.join(tempDir('elsewhere'), id)
    fs.cpSync(path.join(raw, id), copy, { recursive: true })
    expect(
      signedAfter(() => {
        fs.rmSync(path.join(raw, id), { recursive: true })
        fs.symlinkSync(copy, path.join(raw, id))
      }),
    ).toEqual({ changed: true, rewritten: true })
  })

  it('ignores a file the build does not read, beside the three it reads in a source folder', () => {
    expect(signedAfter(() => fs.writeFileSync(path.join(raw, id, 'notes-to-self.txt'), 'draft'))).toEqual({ changed: false, rewritten: false })
  })

  it('exits non-zero naming a missing raw/ folder, and keeps the previous signature', () => {
    const before = fs.readFileSync(sig, 'utf8')
    const run = signInputs(path.join(raw, 'missing'), sig)
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain(`input-signature: ${path.join(raw, 'missing')}: No such file or directory (expected the folder of raw articles)`)
    expect(fs.readFileSync(sig, 'utf8')).toBe(before)
    expect(fs.readdirSync(path.dirname(sig))).toEqual(['inputs.entries', 'inputs.sig'])
  })

  it('is the sha256 of its list of raw/: two headers, then one line per entry with its own hash, names escaped', () => {
    const entries = path.join(path.dirname(sig), 'inputs.entries')
    const text = fs.readFileSync(entries, 'utf8')
    expect(`${sha256(text)}  -\n`).toBe(fs.readFileSync(sig, 'utf8'))
    const lines = text.trimEnd().split('\n')
    expect(lines.slice(0, 2).map((l) => l.split('\t').slice(0, 2))).toEqual([
      ['', 'raw'],
      ['', 'code'],
    ])
    expect(lines.slice(2).map((l) => l.split('\t')[0])).toEqual(fs.readdirSync(raw).sort())
    const hashOf = (name: string) =>
      fs
        .readFileSync(entries, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${name}\t`))
    const [mine, other] = [hashOf(id), hashOf('entities.json')]
    fs.appendFileSync(path.join(raw, id, 'article.txt'), '\n')
    fs.writeFileSync(path.join(raw, 'odd\tname\\'), '')
    expect(signInputs(raw, sig).status).toBe(0)
    expect([hashOf(id) === mine, hashOf('entities.json') === other]).toEqual([false, true])
    expect(hashOf('odd\\x09name\\x5c')).toMatch(/^odd\\x09name\\x5c\t[0-9a-f]{64}$/)
  })
})

describe('the files the signature reads in a source folder', () => {
  const perl = fs.readFileSync(path.join(ROOT, 'pipeline/store/input-signature.pl'), 'utf8')
  // every quoted name in the Perl list: my @files = ('source.json', ...);
  const signed = [...(/^my @files = \(([^)]*)\);$/m.exec(perl)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1])

  it('are the files the build reads (SOURCE_FILES), so a file a stage starts reading is signed too', () => {
    expect(signed).toEqual(Object.values(SOURCE_FILES))
  })

  it('are named in the stages only through SOURCE_FILES, never as a string of their own', () => {
    const stages = fs.readdirSync(path.join(ROOT, 'pipeline')).filter((f) => /^0\d-.*\.ts$/.test(f))
    expect(stages).toHaveLength(6)
    const literal = new RegExp(`['"\`](${signed.map((n) => n.replace('.', '\\.')).join('|')})['"\`]`)
    const named = stages.filter((f) => literal.test(fs.readFileSync(path.join(ROOT, 'pipeline', f), 'utf8')))
    expect(named).toEqual([])
  })
})
