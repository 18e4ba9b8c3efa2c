/**
 * release: publishes the built dataset as an immutable, verifiable version.
 * in:  out/dataset/ (make dataset), out/releases/index.json, the git tree (must be clean)
 * out: out/releases/<version>/ (CSV, Parquet, datapackage.json, README.md, CHANGELOG.md, CITATION.cff,
 *      changes/*.csv, fengkou-<version>.xlsx, .duckdb and .sqlite, fengkou-<version>.tar.gz of all of them
 *      in a folder fengkou-<version>/ with SHA256SUMS inside, SHA256SUMS) and out/releases/index.json
 * The version must be semver, greater than the latest, and bumped at least as far as the change
 * requires (schema break: major; rows or columns added or removed: minor; values corrected: patch).
 * `created` is the commit time (or SOURCE_DATE_EPOCH), so the same commit gives the same bytes.
 * release-notes/<version>.md, when the repository has it, heads the version's CHANGELOG.md entry.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Papa from 'papaparse'
import { $ } from 'zx'
import { main as buildDataset } from '../build.ts'
import { sqliteBytes, writeDuckDB } from '../publish/databases.ts'
import { citationCff, datasetCard } from '../publish/dataset-card.ts'
import { buildProblems, descriptorProblems } from '../publish/dataset-check.ts'
import { describeFiles, listFiles, readIndex, sortedIndex } from '../publish/release-index.ts'
import { type DatasetDiff, diffDatasets, diffMarkdown } from '../publish/row-changes.ts'
import { atLeast, bumpOf, compareVersions, parseVersion } from '../publish/semver.ts'
import { readTables } from '../publish/table-rows.ts'
import { workbookBytes } from '../publish/workbook.ts'
import { readCsvRows } from '../store/csv.ts'
import { sha256, writeFileAtomic } from '../store/files.ts'
import { isMain, log, runStage, UserError } from '../store/run.ts'
import { type TableName, tableSchema } from '../store/table-schemas.ts'

export interface ReleaseOptions {
  version: string | undefined
  dataset: string
  releases: string
  repo: string
  epoch?: string
  /** raw/ of the commit: the dataset must equal a fresh build of it (the command line always gives it) */
  raw?: string
}

function csv(rows: Record<string, unknown>[], fields: string[]): string {
  return `${Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? '')) }, { newline: '\n' })}\n`
}

async function commitEpoch(repo: string, given: string | undefined): Promise<number> {
  if (given !== undefined && given !== '') {
    if (!/^\d+$/.test(given)) throw new UserError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, found "${given}"`)
    return Number(given)
  }
  const out = await $({ cwd: repo, quiet: true })`git log -1 --format=%ct HEAD`
  return Number(out.stdout.trim())
}

async function assertCleanTree(repo: string): Promise<void> {
  const status = await $({ cwd: repo, quiet: true, nothrow: true })`git status --porcelain --untracked-files=normal`
  if (status.exitCode !== 0) throw new UserError(`release: ${repo} is not a git work tree (releases are made from a commit)`)
  if (status.stdout.trim() !== '') {
    throw new UserError(`release: the tree has uncommitted changes; commit or stash them first, so the release matches a commit:\n${status.stdout.trimEnd()}`)
  }
}

/** Rows per table, and rows of the machine tier per table that has review_status. */
function counts(dataset: string): { counts: Record<string, number>; machine: Record<string, number> } {
  const pkg = JSON.parse(fs.readFileSync(path.join(dataset, 'datapackage.json'), 'utf8')) as { resources: { name: string; path: string; format: string }[] }
  const out = { counts: {} as Record<string, number>, machine: {} as Record<string, number> }
  for (const r of pkg.resources.filter((x) => x.format === 'csv')) {
    const rows = readCsvRows(path.join(dataset, r.path))
    out.counts[r.name] = rows.length
    if ('review_status' in tableSchema(r.name as TableName).properties) out.machine[r.name] = rows.filter((x) => x.review_status === 'machine').length
  }
  return out
}

function changesFiles(diff: DatasetDiff | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (!diff) return out
  out['changes/schema.csv'] = csv(diff.schema as unknown as Record<string, unknown>[], ['table', 'column', 'change', 'bump'])
  for (const t of diff.tables) {
    const rows = [
      ...t.added.map((key) => ({ change: 'added', key, column: '', old: '', new: '' })),
      ...t.removed.map((key) => ({ change: 'removed', key, column: '', old: '', new: '' })),
      ...t.changed.map((c) => ({ change: 'changed', key: c.key, column: c.column, old: c.old ?? '', new: c.new ?? '' })),
    ]
    out[`changes/${t.table}.csv`] = csv(rows, ['change', 'key', 'column', 'old', 'new'])
  }
  return out
}

/**
 * The dataset must be exactly what a build makes: every file as its datapackage.json describes it,
 * and, given raw/, byte for byte what a fresh build of it (no cache) makes in a temporary folder.
 */
async function assertBuilt(dataset: string, raw: string | undefined): Promise<void> {
  const refuse = (why: string, problems: string[]) => {
    if (problems.length)
      throw new UserError(`release: ${dataset} ${why}; run make dataset and release again:\n${problems.map((p) => `  ${path.join(dataset, p)}`).join('\n')}`)
  }
  refuse('does not match its datapackage.json', descriptorProblems(dataset))
  if (raw === undefined) return
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fengkou-release-build-'))
  try {
    const fresh = await buildDataset({ raw, build: path.join(tmp, 'build'), out: path.join(tmp, 'dataset') })
    refuse(`is not what a fresh build of ${raw} makes`, buildProblems(dataset, fresh))
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

/** The formats a release publishes besides CSV and Parquet, each one file: fengkou-<version>.<extension>. */
export const DOWNLOADS = [
  {
    name: 'workbook',
    extension: 'xlsx',
    mediatype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    title: 'Excel workbook',
    description:
      'Every table as a sheet (typed cells, frozen header), after a first sheet "about" with the dataset card and the data dictionary. Made for Excel, which misreads the CSV files (UTF-8 without a byte order mark) unless they are imported as UTF-8.',
  },
  {
    name: 'duckdb',
    extension: 'duckdb',
    mediatype: 'application/vnd.duckdb',
    title: 'DuckDB database',
    description:
      'Every table with its types, primary and foreign keys and COMMENT ON descriptions, a data_dictionary table and views for common questions (funding_by_funder, funding_totals_by_recipient, events_timeline). Written by DuckDB 1.5.6 with 16 KB blocks; open it with DuckDB 1.5 or later (DuckDB reads older files, not always newer ones).',
  },
  {
    name: 'sqlite',
    extension: 'sqlite',
    mediatype: 'application/vnd.sqlite3',
    title: 'SQLite database',
    description:
      'Every table with primary and foreign keys (decimals NUMERIC, booleans 0/1, dates ISO text), a data_dictionary table and the same views as the DuckDB file; opens as it is in sqlite3 or datasette (no extension needed).',
  },
] as const

/**
 * Writes the workbook, the DuckDB and the SQLite file from the tables in `dir`, each reproducible (the
 * workbook dated at the release, the DuckDB file written under its published name, on which its bytes
 * depend), and returns their Frictionless resources (no `type`: only the CSV and Parquet files are
 * tables; the validator checks their bytes and hashes).
 */
async function writeDownloads(dir: string, version: string, created: string, present: TableName[]): Promise<Record<string, unknown>[]> {
  const tables = await readTables(dir, present)
  const file = (extension: string) => path.join(dir, `fengkou-${version}.${extension}`)
  fs.writeFileSync(file('xlsx'), await workbookBytes({ version, created, tables }))
  await writeDuckDB(dir, file('duckdb'), present)
  fs.writeFileSync(file('sqlite'), await sqliteBytes(tables))
  return DOWNLOADS.map((d) => {
    const bytes = fs.readFileSync(file(d.extension))
    return {
      name: d.name,
      path: `fengkou-${version}.${d.extension}`,
      format: d.extension,
      mediatype: d.mediatype,
      bytes: bytes.length,
      hash: `sha256:${sha256(bytes)}`,
      title: d.title,
      description: d.description,
    }
  })
}

export const NOTES_LIMIT = 20_000

/**
 * The maintainers' words for a release, release-notes/<version>.md in the repository (committed, so the
 * release stays reproducible from its commit), put in CHANGELOG.md above the computed changes; null
 * when there is none. Markdown only: raw HTML is refused with its line (the changelog is rendered by
 * Hugging Face, Zenodo and GitHub), and so is a file over NOTES_LIMIT characters.
 */
export function releaseNotes(repo: string, version: string): string | null {
  const file = path.join(repo, 'release-notes', `${version}.md`)
  if (!fs.existsSync(file)) return null
  const text = fs.readFileSync(file, 'utf8')
  if (text.length > NOTES_LIMIT) throw new UserError(`${file}: ${text.length} characters; release notes are at most ${NOTES_LIMIT}`)
  text.split('\n').forEach((line, i) => {
    const tag = /<\/?[A-Za-z!][^>]*>?/.exec(line)
    if (tag) throw new UserError(`${file}:${i + 1}: raw HTML ${JSON.stringify(tag[0])}; release notes are Markdown only (write &lt; for a literal <)`)
  })
  return text
}

/** For the crash tests: FENGKOU_CRASH_AT=<step> kills the process there (SIGKILL: nothing cleans up). */
function crashPoint(step: string): void {
  if (process.env.FENGKOU_CRASH_AT === step) process.kill(process.pid, 'SIGKILL')
}

/** Folders a killed release left being built aside (.<version>.tmp-<pid>, the process gone). */
function removeInterrupted(releases: string): void {
  if (!fs.existsSync(releases)) return
  for (const name of fs.readdirSync(releases)) {
    const m = /^\.\d+\.\d+\.\d+\.tmp-(\d+)(?:\.interrupted)?$/.exec(name)
    if (!m || Number(m[1]) === process.pid) continue
    try {
      process.kill(Number(m[1]), 0)
    } catch {
      fs.rmSync(path.join(releases, name), { recursive: true, force: true })
      log('release', `removed ${name}, left by an interrupted release`)
    }
  }
}

/**
 * Puts a release built aside in place with one rename. A folder already there that index.json does
 * not list is a release interrupted before its index entry: it was never published, so a retry
 * keeps it when it holds the same bytes (finishing it) and replaces it otherwise (undoing it).
 */
function publishAside(tmp: string, target: string): void {
  if (fs.existsSync(target)) {
    const same = JSON.stringify(describeFiles(target, listFiles(target))) === JSON.stringify(describeFiles(tmp, listFiles(tmp)))
    if (same) {
      fs.rmSync(tmp, { recursive: true, force: true })
      log('release', `finishing the interrupted release in ${target} (same bytes)`)
      return
    }
    const aside = `${tmp}.interrupted`
    fs.renameSync(target, aside)
    fs.renameSync(tmp, target)
    fs.rmSync(aside, { recursive: true, force: true })
    log('release', `replaced the interrupted, unlisted release in ${target}`)
    return
  }
  fs.renameSync(tmp, target)
}

export async function release(o: ReleaseOptions): Promise<string> {
  if (!o.version) throw new UserError('release: VERSION is required: make release VERSION=x.y.z')
  parseVersion(o.version)
  const target = path.join(o.releases, o.version)
  const index = readIndex(o.releases)
  // the newest version is computed from the versions listed, never taken from `latest`
  const latest = sortedIndex(index.releases).latest
  if (index.releases.some((e) => e.version === o.version))
    throw new UserError(`release: ${o.version} is already published in ${target}; a published version is never overwritten or changed`)
  if (latest && compareVersions(o.version, latest) <= 0) throw new UserError(`release: VERSION ${o.version} must be greater than the latest release, ${latest}`)
  if (!fs.existsSync(path.join(o.dataset, 'datapackage.json'))) throw new UserError(`release: no build in ${o.dataset}; run make dataset first`)
  await assertCleanTree(o.repo)
  await assertBuilt(o.dataset, o.raw)
  const notes = releaseNotes(o.repo, o.version)

  const diff = latest ? await diffDatasets(path.join(o.releases, latest), o.dataset) : null
  if (latest && diff) {
    const given = bumpOf(latest, o.version)
    if (diff.required === 'none') throw new UserError(`release: nothing changed since ${latest}; there is nothing to release`)
    if (!atLeast(given, diff.required)) {
      throw new UserError(`release: ${latest} -> ${o.version} is a ${given} bump, but the change requires ${diff.required}:\n${diffMarkdown(diff, 5)}`)
    }
  }
  const epoch = await commitEpoch(o.repo, o.epoch)
  const created = new Date(epoch * 1000).toISOString().replace(/\.000Z$/, 'Z')
  removeInterrupted(o.releases)
  const tmp = path.join(o.releases, `.${o.version}.tmp-${process.pid}`)
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp, { recursive: true })
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(o.dataset, 'datapackage.json'), 'utf8')) as Record<string, unknown> & {
      resources: { path: string; format: string }[]
    }
    for (const r of pkg.resources) fs.copyFileSync(path.join(o.dataset, r.path), path.join(tmp, r.path))
    const sources = readCsvRows(path.join(o.dataset, 'sources.csv'))
    const present = pkg.resources.filter((r) => r.format === 'csv').map((r) => r.path.slice(0, -4) as TableName)
    const downloads = await writeDownloads(tmp, o.version, created, present)
    const descriptor = {
      ...pkg,
      resources: [
        ...pkg.resources.map((r) => {
          const bytes = fs.readFileSync(path.join(tmp, r.path))
          // as 06-export: a byte count for CSV resources only (the Frictionless validator cannot count Parquet bytes)
          return { ...r, ...(r.format === 'csv' ? { bytes: bytes.length } : {}), hash: `sha256:${sha256(bytes)}` }
        }),
        ...downloads,
      ],
      version: o.version,
      created,
      sources: sources.map((s) => ({ title: s.title || s.source_id, ...(s.url ? { path: s.url } : {}) })),
    }
    fs.writeFileSync(path.join(tmp, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`)
    const heading = `## ${o.version} (${created.slice(0, 10)})`
    const computed = diff
      ? `Compared with ${latest} (required bump: ${diff.required}).\n\n${diffMarkdown(diff)}`
      : `First release: ${sources.length} source article(s).\n`
    const body = notes ? `${notes.trimEnd()}\n\n${computed}` : computed
    const previous = latest ? fs.readFileSync(path.join(o.releases, latest, 'CHANGELOG.md'), 'utf8').replace(/^# Changelog\n+/, '') : ''
    fs.writeFileSync(path.join(tmp, 'CHANGELOG.md'), `# Changelog\n\n${heading}\n\n${body.trimEnd()}\n${previous ? `\n${previous}` : ''}`)
    fs.writeFileSync(
      path.join(tmp, 'README.md'),
      datasetCard({ version: o.version, created, ...counts(o.dataset), sources: sources as never, changelogHead: body }),
    )
    fs.writeFileSync(path.join(tmp, 'CITATION.cff'), citationCff(o.version, created))
    for (const [file, text] of Object.entries(changesFiles(diff))) {
      fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true })
      fs.writeFileSync(path.join(tmp, file), text)
    }
    // SHA256SUMS of every file but the archive goes inside the archive too, so the extracted folder checks itself
    const sums = (files: string[]) => files.map((f) => `${sha256(fs.readFileSync(path.join(tmp, f)))}  ${f}\n`).join('')
    fs.writeFileSync(path.join(tmp, 'SHA256SUMS'), sums(listFiles(tmp)))
    const members = listFiles(tmp)
    const archive = `fengkou-${o.version}.tar.gz`
    // GNU tar with fixed order, owner and times, and gzip without a name or time: the same files give the same
    // bytes. Every member sits in one top-level folder, fengkou-<version>/, as people expect an archive to extract.
    const folder = `fengkou-${o.version}`
    await $({
      cwd: tmp,
      quiet: true,
    })`tar --sort=name --mtime=@${epoch} --owner=0 --group=0 --numeric-owner --mode=a+r,u+w,go-w --format=gnu --transform=${`s,^,${folder}/,`} -cf ${`${archive}.tar`} ${members}`
    await $({ cwd: tmp, quiet: true })`gzip -n -9 ${`${archive}.tar`}`
    fs.renameSync(path.join(tmp, `${archive}.tar.gz`), path.join(tmp, archive))
    fs.writeFileSync(path.join(tmp, 'SHA256SUMS'), sums(listFiles(tmp).filter((f) => f !== 'SHA256SUMS')))
    crashPoint('release-built')
    publishAside(tmp, target)
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true })
    throw err
  }
  crashPoint('release-renamed')
  const entry = { version: o.version, created, archive: `fengkou-${o.version}.tar.gz`, files: describeFiles(target, listFiles(target)) }
  writeFileAtomic(path.join(o.releases, 'index.json'), `${JSON.stringify(sortedIndex([...index.releases, entry]), null, 2)}\n`)
  log('release', `published ${target}`)
  return target
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      version: { type: 'string', default: '' },
      dataset: { type: 'string', default: 'out/dataset' },
      releases: { type: 'string', default: 'out/releases' },
      repo: { type: 'string', default: '.' },
      raw: { type: 'string', default: 'raw' },
    },
  })
  runStage('release', async () => {
    await release({
      version: values.version || undefined,
      dataset: values.dataset as string,
      releases: values.releases as string,
      repo: values.repo as string,
      raw: values.raw as string,
      epoch: process.env.SOURCE_DATE_EPOCH,
    })
  })
}
