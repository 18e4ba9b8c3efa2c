/**
 * verify: re-hashes every published release against its SHA256SUMS, datapackage.json and
 * out/releases/index.json, and checks that each table's CSV and Parquet hold the same rows, and that the
 * workbook, the DuckDB and the SQLite file open and hold as many rows per table; exits non-zero naming each file that does not match.
 * in: out/releases/
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { csvParquetProblems, downloadProblems, readDescriptor } from '../publish/dataset-check.ts'
import { readIndex, verifyRelease } from '../publish/release-index.ts'
import { isMain, log, runStage, UserError } from '../store/run.ts'

export function verify(releases: string): string[] {
  const index = readIndex(releases)
  const problems = index.releases.flatMap((e) => verifyRelease(releases, e))
  const listed = new Set(index.releases.map((e) => e.version))
  if (fs.existsSync(releases)) {
    for (const d of fs.readdirSync(releases, { withFileTypes: true })) {
      if (d.isDirectory() && !listed.has(d.name)) problems.push(`${d.name}/: a release folder that index.json does not list`)
    }
  }
  return problems
}

/** Tables of each release whose CSV and Parquet do not hold the same rows (DuckDB reads both). */
export async function verifyRows(releases: string): Promise<string[]> {
  const problems: string[] = []
  for (const e of readIndex(releases).releases) {
    const dir = path.join(releases, e.version)
    if (!fs.existsSync(path.join(dir, 'datapackage.json'))) continue
    const { resources } = readDescriptor(dir)
    for (const p of await csvParquetProblems(dir, resources)) problems.push(`${e.version}/${p}`)
    for (const p of await downloadProblems(dir, resources)) problems.push(`${e.version}/${p}`)
  }
  return problems
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { releases: { type: 'string', default: 'out/releases' } } })
  runStage('verify', async () => {
    const problems = verify(values.releases as string)
    problems.push(...(await verifyRows(values.releases as string)))
    if (problems.length) throw new UserError(problems.map((p) => `  ${path.join(values.releases as string, p)}`).join('\n'))
    log(
      'verify',
      `${readIndex(values.releases as string).releases.length} release(s) match their checksums, their CSV and Parquet hold the same rows, and their workbook and databases as many`,
    )
  })
}
