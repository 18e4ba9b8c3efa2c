/** A git work tree with one commit at a fixed time, for the release commands (which refuse a dirty tree and date a release by its commit). */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { tempDir } from './build.ts'

/** `files`: more files to commit, by path inside the tree (release notes, for example). */
export function cleanRepo(files: Record<string, string> = {}): string {
  const dir = tempDir('repo')
  const env = { ...process.env, GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z', GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z' }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env })
  git('init', '-q')
  fs.writeFileSync(path.join(dir, 'file.txt'), 'tracked\n')
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), text)
  }
  git('add', '.')
  git('-c', 'user.email=ci@example.org', '-c', 'user.name=ci', 'commit', '-q', '-m', 'one')
  return dir
}
