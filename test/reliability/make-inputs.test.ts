/**
 * Issue 13, cases 10 and 13: make passes what a user types to the commands without shell or make
 * evaluation, never parses the names under raw/, and sees an edit that keeps size and mtime.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../pipeline/store/layout.ts'
import { copyRaw, tempDir } from '../helpers/build.ts'

const SEED = '000_2e1e9aed17e7acf1'

function make(args: string[], env: Record<string, string> = {}) {
  return spawnSync('make', ['--no-print-directory', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } })
}
const folders = (raw: string, out: string) => [`RAW_DIR=${raw}`, `B=${path.join(out, 'build')}`, `DATASET=${path.join(out, 'dataset')}`]

describe('variables given to make', () => {
  // one raw/ and out/ for every case: make release builds the dataset once, then finds it current
  const raw = copyRaw()
  const out = tempDir('out')
  it.each([
    ['release', 'VERSION', (f: string) => `9.9.9\`touch ${f}\``],
    ['release', 'VERSION', (f: string) => `9.9.9$(shell touch ${f})`],
    ['release', 'VERSION', (f: string) => `9.9.9$$(touch ${f})`],
    ['candidates', 'SOURCE', (f: string) => `x\`touch ${f}\``],
    ['diff', 'FROM', (f: string) => `$(shell touch ${f})`],
  ])('make %s %s=... runs no command inside the value, and the command refuses the value as written', (target, name, value) => {
    const pwned = path.join(tempDir('pwned'), 'pwned')
    const r = make([target, `${name}=${value(pwned)}`, ...(target === 'release' ? folders(raw, out) : []), 'TO=build'])
    expect(r.status).not.toBe(0)
    expect(fs.existsSync(pwned)).toBe(false)
    expect(r.stderr).toContain(`found "${value(pwned)}"`)
  })
})

describe('names under raw/', () => {
  it("a : in a file name does not break make, and a space in a source folder gets the build's own error", () => {
    const raw = copyRaw()
    const out = tempDir('out')
    fs.writeFileSync(path.join(raw, SEED, 'notes:draft 2.txt'), 'a curator note\n')
    expect(make(['help']).status).toBe(0)
    const built = make(['dataset', ...folders(raw, out)])
    expect([built.status, built.stderr]).toEqual([0, expect.stringMatching(/06-export: sources 1/)])
    fs.mkdirSync(path.join(raw, '001 two words'))
    const refused = make(['dataset', ...folders(raw, out)])
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).not.toMatch(/No rule to make target/)
    expect(refused.stderr).toMatch(/001 two words \(document\)\n {2}unsafe source folder name "001 two words"/)
  })
})

describe('an edit that keeps the size and the modification time (touch -r)', () => {
  it('is rebuilt by make dataset, from the new text', () => {
    const raw = copyRaw()
    const out = tempDir('out')
    expect(make(['dataset', ...folders(raw, out)]).status).toBe(0)
    const article = path.join(raw, SEED, 'article.txt')
    const reference = path.join(tempDir('ref'), 'times')
    fs.writeFileSync(reference, '')
    expect(spawnSync('touch', ['-r', article, reference]).status).toBe(0)
    const before = fs.statSync(article, { bigint: true })
    const text = fs.readFileSync(article, 'utf8')
    // same length in bytes: one CJK character for another
    const edited = text.replace('微软', '微硬')
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text))
    fs.writeFileSync(article, edited)
    expect(spawnSync('touch', ['-r', reference, article]).status).toBe(0)
    const after = fs.statSync(article, { bigint: true })
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs])
    const sourcesBefore = fs.readFileSync(path.join(out, 'dataset', 'sources.csv'), 'utf8')
    const r = make(['dataset', ...folders(raw, out)])
    // the annotations quote 微软, so the new text must be read: either the build refuses a quote or the hash changes
    const sourcesAfter = r.status === 0 ? fs.readFileSync(path.join(out, 'dataset', 'sources.csv'), 'utf8') : null
    expect(r.stderr).toMatch(/01-ingest: 1 source\(s\), 1 \(re\)done/)
    expect(sourcesAfter).not.toBe(sourcesBefore)
  })
})
