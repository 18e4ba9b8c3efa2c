import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../pipeline/store/layout.ts'
import { tempDir } from '../helpers/run.ts'

const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', 'add', name)

/** `make add` as a user runs it, with the shell's environment plus `env`. */
function makeAdd(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('make', ['--no-print-directory', 'add', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('make add', () => {
  it('prints the id of the new source alone on stdout, progress on stderr, and ignores the shell’s gettext LANGUAGE', () => {
    const raw = tempDir('add-make')
    const r = makeAdd([`FILE=${fixture('news-page.html')}`, `RAW_DIR=${raw}`], { LANGUAGE: 'en_US:en' })
    expect(r.status, r.stderr).toBe(0)
    const [id] = fs.readdirSync(raw)
    expect(r.stdout).toBe(`${id}\n`)
    expect(r.stderr).toContain(`added`)
    expect(JSON.parse(fs.readFileSync(path.join(raw, id, 'source.json'), 'utf8')).language).toBe('zh-Hans')
    const again = makeAdd([`FILE=${fixture('news-page.html')}`, `RAW_DIR=${raw}`])
    expect([again.status, again.stdout]).toEqual([0, ''])
    expect(again.stderr).toContain(`already in raw/ as ${id}`)
  })

  it('passes its variables to the command as written: make never expands $(shell ...), the shell never runs `...`', () => {
    const raw = tempDir('add-make')
    const marker = path.join(tempDir('add-marker'), 'ran')
    const title = `\`touch ${marker}\`$(shell touch ${marker})标题`
    const r = makeAdd([`FILE=${fixture('flash.txt')}`, `RAW_DIR=${raw}`, `TITLE=${title}`, 'LANGUAGE=zh-CN'])
    expect(r.status, r.stderr).toBe(0)
    expect(fs.existsSync(marker)).toBe(false)
    const meta = JSON.parse(fs.readFileSync(path.join(raw, r.stdout.trim(), 'source.json'), 'utf8'))
    expect([meta.title, meta.language]).toEqual([title, 'zh-CN'])
  })

  it('exits non-zero for a batch with a bad line, after printing the ids of the lines it added', () => {
    const raw = tempDir('add-make')
    const r = makeAdd([`FILE=${fixture('batch.jsonl')}`, `RAW_DIR=${raw}`])
    expect(r.status).not.toBe(0)
    expect(r.stdout.trim().split('\n').sort()).toEqual(fs.readdirSync(raw).sort())
    expect(r.stdout.trim().split('\n')).toHaveLength(2)
    expect(r.stderr).toMatch(/2 refused \(lines 3, 5/)
  })
})
