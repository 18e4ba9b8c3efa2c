/**
 * The formats a release publishes besides CSV and Parquet, each read back by a tool other than the one
 * that wrote it: the workbook by SheetJS and the zip itself (JSZip), the SQLite file by SQLite (sql.js),
 * the DuckDB file by DuckDB, the archive by GNU tar and sha256sum; and the decimals of every table.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { parquetMetadata } from 'hyparquet'
import JSZip from 'jszip'
import initSqlJs from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import * as XLSX from 'xlsx'
import { buildVersion, RELEASE_INDEX } from '../../pipeline/06-export.ts'
import { equalRelease } from '../../pipeline/cli/diff.ts'
import { release } from '../../pipeline/cli/release.ts'
import { verify, verifyRows } from '../../pipeline/cli/verify.ts'
import { downloadProblems, readDescriptor } from '../../pipeline/publish/dataset-check.ts'
import { readCsvRows } from '../../pipeline/store/csv.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { TABLES } from '../../pipeline/store/table-schemas.ts'
import { sharedBuild, tempDir } from '../helpers/build.ts'
import { cleanRepo } from '../helpers/repo.ts'

let dataset: string
let releases: string
let dir: string
const file = (ext: string) => path.join(dir, `fengkou-1.0.0.${ext}`)
const csvRows = (t: string) => readCsvRows(path.join(dir, `${t}.csv`))

beforeAll(async () => {
  dataset = sharedBuild().dataset
  releases = tempDir('rel')
  dir = await release({ version: '1.0.0', dataset, releases, repo: cleanRepo() })
})

describe('the release workbook', () => {
  it('has an about sheet first, then one sheet per table with every row, as SheetJS reads it', () => {
    const book = XLSX.read(fs.readFileSync(file('xlsx')), { cellDates: true })
    expect(book.SheetNames).toEqual(['about', ...TABLES])
    for (const t of TABLES) expect([t, XLSX.utils.sheet_to_json(book.Sheets[t]).length]).toEqual([t, csvRows(t).length])
    const about = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.about)
    expect(about).toContainEqual(expect.objectContaining({ part: 'dataset', column: 'version', description: '1.0.0' }))
    expect(about).toContainEqual(expect.objectContaining({ part: 'table', table: 'funding', rows: csvRows('funding').length }))
    expect(about).toContainEqual(expect.objectContaining({ part: 'column', table: 'funding', column: 'amount', type: 'decimal(38,4)', nullable: 'yes' }))
    expect(about.find((r) => r.column === 'the CSV files')?.description).toMatch(/UTF-8 without a byte order mark.*From Text\/CSV/)
  })

  it('types its cells: dates as dates, amounts and counts as numbers, booleans as booleans, null as an empty cell', () => {
    const book = XLSX.read(fs.readFileSync(file('xlsx')), { cellDates: true })
    const funding = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.funding)
    const row = funding.find((r) => r.funding_id === 'microsoft-openai-2019')
    expect(row).toMatchObject({ amount: 1000000000, funders_complete: true, date_start: new Date('2019-03-11T00:00:00Z') })
    expect(row).not.toHaveProperty('amount_low')
    const sources = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.sources)
    expect(sources[0].char_count).toBe(Number(csvRows('sources')[0].char_count))
    // the cell itself, not only its value: a number with a date format, and a number
    const sheet = book.Sheets.funding
    const header = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0]
    const at = (col: string) => sheet[XLSX.utils.encode_cell({ r: 1, c: header.indexOf(col) })]
    expect(at('date_start').t).toBe('d')
    expect(at('amount').t).toBe('n')
    expect(at('funding_id').t).toBe('s')
  })

  it('freezes each header row, fits column widths and dates the file at the release, in the zip itself', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(file('xlsx')))
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))
    expect(sheets).toHaveLength(TABLES.length + 1)
    for (const s of sheets) {
      const xml = await zip.file(s)?.async('string')
      expect([s, /<pane [^>]*ySplit="1"[^>]*state="frozen"/.test(xml ?? '')]).toEqual([s, true])
      expect([s, /<col [^>]*width="\d/.test(xml ?? '')]).toEqual([s, true])
    }
    // exceljs dates every entry when it writes; the release packs them again at its own time (to the zip's 2 s)
    for (const entry of Object.values(zip.files)) expect([entry.name, entry.date.toISOString()]).toEqual([entry.name, '2026-01-02T03:04:04.000Z'])
    const core = await zip.file('docProps/core.xml')?.async('string')
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-02T03:04:05Z</dcterms:created>')
  })
})

describe('the release databases', () => {
  it('has a SQLite file that SQLite opens as it is: every table and row, keys, views and the dictionary', async () => {
    const bytes = fs.readFileSync(file('sqlite'))
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0')
    const require = createRequire(import.meta.url)
    const SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) })
    const db = new SQL.Database(bytes)
    const one = (sql: string) => db.exec(sql)[0]?.values ?? []
    expect(one('PRAGMA integrity_check')).toEqual([['ok']])
    db.run('PRAGMA foreign_keys = ON')
    expect(one('PRAGMA foreign_key_check')).toEqual([])
    for (const t of TABLES) expect([t, one(`SELECT count(*) FROM "${t}"`)[0][0]]).toEqual([t, csvRows(t).length])
    expect(one("SELECT amount, typeof(amount), funders_complete FROM funding WHERE funding_id = 'microsoft-openai-2019'")).toEqual([[1000000000, 'integer', 1]])
    expect(one('PRAGMA foreign_key_list(funders)').map((r) => r[2])).toEqual(expect.arrayContaining(['funding', 'entities']))
    expect(one("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").flat()).toEqual([
      'events_timeline',
      'funding_by_funder',
      'funding_totals_by_recipient',
    ])
    expect(one("SELECT count(*) FROM funding_by_funder WHERE funder_name_en = 'Microsoft'")[0][0]).toBe(1)
    expect(one("SELECT description FROM data_dictionary WHERE table_name = 'funding' AND column_name = 'amount'")[0][0]).toMatch(/at most 4 places/)
    db.close()
  })

  it('has a DuckDB file with every table, its keys, COMMENT ON descriptions, decimals and views', async () => {
    const instance = await DuckDBInstance.create(file('duckdb'), { access_mode: 'READ_ONLY' })
    const con = await instance.connect()
    const q = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson()
    try {
      for (const t of TABLES) expect([t, (await q(`SELECT count(*)::INTEGER AS n FROM "${t}"`))[0].n]).toEqual([t, csvRows(t).length])
      const constraints = await q(
        "SELECT table_name, constraint_type, count(*)::INTEGER AS n FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') GROUP BY ALL ORDER BY ALL",
      )
      expect(constraints).toContainEqual({ table_name: 'funders', constraint_type: 'FOREIGN KEY', n: 2 })
      expect(constraints.filter((c) => c.constraint_type === 'PRIMARY KEY')).toHaveLength(TABLES.length)
      const uncommented = await q(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE table_name <> 'data_dictionary' AND comment IS NULL AND NOT internal",
      )
      expect(uncommented.filter((c) => (TABLES as readonly string[]).includes(String(c.table_name)))).toEqual([])
      expect((await q("SELECT comment FROM duckdb_tables() WHERE table_name = 'funding'"))[0].comment).toMatch(/money/)
      expect(await q("SELECT typeof(amount) AS t, sum(amount)::VARCHAR AS s FROM funding WHERE currency = 'USD' GROUP BY ALL")).toEqual([
        { t: 'DECIMAL(38,4)', s: expect.stringMatching(/^\d+\.0000$/) },
      ])
      const totals = await q("SELECT recipient_id, amount_total::VARCHAR AS total FROM funding_totals_by_recipient WHERE recipient_id = 'openai'")
      expect(totals).toHaveLength(1)
      expect((await q('SELECT count(*)::INTEGER AS n FROM events_timeline'))[0].n).toBe(csvRows('events').length)
    } finally {
      con.closeSync()
      instance.closeSync()
    }
  })
})

describe('the release folder and archive', () => {
  it('lists the workbook and both databases in datapackage.json, SHA256SUMS and index.json, with their hashes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8'))
    const sums = fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8')
    const index = JSON.parse(fs.readFileSync(path.join(releases, 'index.json'), 'utf8'))
    for (const ext of ['xlsx', 'duckdb', 'sqlite']) {
      const name = `fengkou-1.0.0.${ext}`
      const hash = sha256(fs.readFileSync(file(ext)))
      expect(pkg.resources).toContainEqual(expect.objectContaining({ path: name, format: ext, hash: `sha256:${hash}` }))
      expect(sums).toContain(`${hash}  ${name}\n`)
      expect(index.releases[0].files).toContainEqual(expect.objectContaining({ path: name, sha256: hash }))
    }
    expect(verify(releases)).toEqual([])
  })

  it('packs everything into one folder fengkou-1.0.0/ whose SHA256SUMS checks the extracted files', () => {
    const archive = file('tar.gz')
    const members = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n')
    expect(members.filter((m) => !m.startsWith('fengkou-1.0.0/'))).toEqual([])
    expect(members).toEqual(expect.arrayContaining(['fengkou-1.0.0/SHA256SUMS', 'fengkou-1.0.0/fengkou-1.0.0.xlsx', 'fengkou-1.0.0/funding.csv']))
    const out = tempDir('extract')
    execFileSync('tar', ['-xzf', archive, '-C', out])
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: path.join(out, 'fengkou-1.0.0'), encoding: 'utf8' })).toBe('')
    const inner = fs.readFileSync(path.join(out, 'fengkou-1.0.0', 'SHA256SUMS'), 'utf8')
    expect(inner).not.toContain('fengkou-1.0.0.tar.gz')
    // the release's own SHA256SUMS is the same with the archive's line added
    const lines = (text: string) => text.split('\n').filter(Boolean).sort()
    expect(lines(fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8'))).toEqual(lines(`${inner}${sha256(fs.readFileSync(archive))}  fengkou-1.0.0.tar.gz\n`))
  })
})

describe('the dataset card', () => {
  it("gives a DuckDB loader that reads every CSV with the package's types, empty columns included", async () => {
    const card = fs.readFileSync(path.join(dir, 'README.md'), 'utf8')
    const block = /```sql\n-- DuckDB\n([\s\S]*?)```/.exec(card)?.[1] ?? ''
    expect(block.match(/^CREATE TABLE /gm)).toHaveLength(TABLES.length)
    const instance = await DuckDBInstance.create(':memory:')
    const con = await instance.connect()
    try {
      for (const statement of block.trim().split('\n')) await con.run(statement.replace("read_csv('", `read_csv('${dir}/`))
      const types = (await con.runAndReadAll("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'funding'")).getRowObjectsJson()
      const type = (c: string) => types.find((t) => t.column_name === c)?.data_type
      // amount_low is empty in every row of this build: a guessing reader makes it VARCHAR
      expect(csvRows('funding').every((r) => r.amount_low === '')).toBe(true)
      expect([type('amount'), type('amount_low'), type('date_start'), type('funders_complete')]).toEqual(['DECIMAL(38,4)', 'DECIMAL(38,4)', 'DATE', 'BOOLEAN'])
      for (const t of TABLES)
        expect([t, (await con.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${t}`)).getRowObjectsJson()[0].n]).toEqual([t, csvRows(t).length])
    } finally {
      con.closeSync()
      instance.closeSync()
    }
  })
})

describe('make verify on the workbook and the databases', () => {
  it('finds each opening with as many rows per table as its CSV', async () => {
    expect(await verifyRows(releases)).toEqual([])
  })

  it('names a database that lost a row, and one that does not open', async () => {
    const copy = tempDir('rel-copy')
    fs.cpSync(dir, copy, { recursive: true })
    const require = createRequire(import.meta.url)
    const SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) })
    const db = new SQL.Database(fs.readFileSync(path.join(copy, 'fengkou-1.0.0.sqlite')))
    db.run('DELETE FROM funders WHERE rowid = (SELECT min(rowid) FROM funders)')
    fs.writeFileSync(path.join(copy, 'fengkou-1.0.0.sqlite'), db.export())
    db.close()
    fs.writeFileSync(path.join(copy, 'fengkou-1.0.0.duckdb'), 'not a database')
    const { resources } = readDescriptor(copy)
    const n = csvRows('funders').length
    expect(await downloadProblems(copy, resources)).toEqual([
      expect.stringMatching(/^fengkou-1\.0\.0\.duckdb: could not be read: /),
      `fengkou-1.0.0.sqlite: funders has ${n - 1} row(s), funders.csv has ${n}`,
    ])
  })
})

describe('decimals', () => {
  it('writes amounts to the CSV without a trailing .0 and to Parquet as DECIMAL(38,4), counts as integers', () => {
    const funding = fs.readFileSync(path.join(dataset, 'funding.csv'), 'utf8')
    expect(funding).toMatch(/,1000000000,USD,/)
    expect(funding).not.toMatch(/\d\.0\b/)
    const buf = fs.readFileSync(path.join(dataset, 'funding.parquet'))
    const meta = parquetMetadata(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength))
    const column = (name: string) => meta.schema.find((s) => s.name === name)
    expect(column('amount')).toMatchObject({ logical_type: { type: 'DECIMAL', precision: 38, scale: 4 } })
    expect(column('amount_usd')).toMatchObject({ logical_type: { type: 'DECIMAL', precision: 38, scale: 4 } })
    const sources = fs.readFileSync(path.join(dataset, 'sources.parquet'))
    const count = parquetMetadata(sources.buffer.slice(sources.byteOffset, sources.byteOffset + sources.byteLength)).schema.find((s) => s.name === 'char_count')
    expect(count?.type).toBe('INT64')
    const pkg = JSON.parse(fs.readFileSync(path.join(dataset, 'datapackage.json'), 'utf8'))
    const amount = pkg.resources.find((r: { name: string }) => r.name === 'funding').schema.fields.find((f: { name: string }) => f.name === 'amount')
    expect(amount).toMatchObject({ type: 'number', description: expect.stringMatching(/at most 4 places after the point: DECIMAL\(38,4\)/) })
  })
})

describe('the unreleased build', () => {
  it.each([
    [null, '1.0.0-build'],
    ['{"latest": "1.0.10", "releases": [{"version": "1.0.9"}, {"version": "1.0.10"}, {"version": "0.9.0"}]}', '1.0.11-build'],
    ['{"latest": null, "releases": []}', '1.0.0-build'],
  ])('names itself a pre-release of the version after the latest release (index %s: %s)', (index, version) => {
    expect(buildVersion(index)).toBe(version)
  })

  it("states that version in its datapackage.json, after the repository's latest release, and no created time", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dataset, 'datapackage.json'), 'utf8'))
    expect(pkg.version).toBe(buildVersion(fs.readFileSync(RELEASE_INDEX, 'utf8')))
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+-build$/)
    expect(pkg).not.toHaveProperty('created')
  })

  it('makes make diff say that the build equals a published release, which needs no new version', () => {
    const args = ['--import', 'tsx', 'pipeline/cli/diff.ts', '--from', '1.0.0', '--to', 'build', '--releases', releases, '--dataset', dataset]
    const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    expect(out.split('\n')[0]).toBe('# 1.0.0 → build (the build equals release 1.0.0, already published: no new version needed)')
  })

  it('is found equal to the release made from it, and to none once a row changes', async () => {
    expect(await equalRelease(dataset, releases)).toBe('1.0.0')
    const changed = tempDir('ds')
    fs.cpSync(dataset, changed, { recursive: true, dereference: true })
    const text = fs.readFileSync(path.join(changed, 'funders.csv'), 'utf8').split('\n')
    fs.writeFileSync(path.join(changed, 'funders.csv'), [...text.slice(0, 1), ...text.slice(2)].join('\n'))
    expect(await equalRelease(changed, releases)).toBeNull()
  })
})
