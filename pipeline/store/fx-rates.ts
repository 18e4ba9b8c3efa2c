/**
 * The exchange rates the model converts amounts with: data/fx/monthly.csv and annual.csv (provenance
 * in data/fx/README.md), every row checked against schemas/fx-rate.schema.json before use. A wrong
 * row stops the build with its file and line; a monthly file holds months and an annual file years,
 * one row per currency and period.
 */
import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { ROOT } from './layout.ts'
import { DataError, validator } from './validate.ts'

export const FX_DIR = path.join(ROOT, 'data', 'fx')
export const FX_FILES = { monthly: 'monthly.csv', annual: 'annual.csv' } as const
const HEADER = ['currency', 'period', 'units_per_usd']

export interface FxRate {
  currency: string
  /** YYYY-MM (monthly average) or YYYY (annual average) */
  period: string
  /** units of the currency per US dollar, as written */
  units_per_usd: string
}

/** Every rate of both files, validated; throws a DataError naming the file and line of each problem. */
export function readFxRates(dir: string = FX_DIR): FxRate[] {
  const out: FxRate[] = []
  for (const [kind, name] of Object.entries(FX_FILES)) {
    const file = path.join(dir, name)
    if (!fs.existsSync(file))
      throw new DataError(file, [{ pointer: '', line: null, message: 'missing: the exchange rates are part of the repository (see data/fx/README.md)' }])
    out.push(...parseFxFile(file, fs.readFileSync(file, 'utf8'), kind as keyof typeof FX_FILES))
  }
  return out
}

export function parseFxFile(file: string, text: string, kind: keyof typeof FX_FILES): FxRate[] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true })
  const [header, ...rows] = parsed.data
  const problems: { pointer: string; line: number | null; message: string }[] = []
  if (header?.join(',') !== HEADER.join(','))
    problems.push({ pointer: '', line: 1, message: `expected the header ${HEADER.join(',')}; found ${JSON.stringify(header?.join(',') ?? '')}` })
  const validate = validator('fx-rate')
  const seen = new Set<string>()
  const rates: FxRate[] = []
  rows.forEach((cells, i) => {
    const line = i + 2
    if (cells.length !== HEADER.length) {
      problems.push({ pointer: '', line, message: `expected ${HEADER.length} fields; found ${cells.length}` })
      return
    }
    const row = { currency: cells[0], period: cells[1], units_per_usd: cells[2] }
    if (!validate(row)) {
      for (const e of validate.errors ?? [])
        problems.push({
          pointer: e.instancePath,
          line,
          message: `expected: ${e.message}; found ${JSON.stringify(row[e.instancePath.slice(1) as keyof FxRate] ?? row)}`,
        })
      return
    }
    if ((kind === 'monthly') !== row.period.includes('-'))
      problems.push({
        pointer: '/period',
        line,
        message: `expected a ${kind === 'monthly' ? 'month (YYYY-MM)' : 'year (YYYY)'} in ${path.basename(file)}; found "${row.period}"`,
      })
    else if (Number(row.units_per_usd) <= 0)
      problems.push({ pointer: '/units_per_usd', line, message: `expected a positive rate; found "${row.units_per_usd}"` })
    else if (seen.has(`${row.currency} ${row.period}`))
      problems.push({ pointer: '', line, message: `a second rate for ${row.currency} ${row.period} (expected one per currency and period)` })
    else {
      seen.add(`${row.currency} ${row.period}`)
      rates.push(row)
    }
  })
  if (problems.length) throw new DataError(file, problems.slice(0, 20))
  return rates
}
