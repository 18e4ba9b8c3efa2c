/**
 * The release's Excel workbook, fengkou-<version>.xlsx (exceljs): a first sheet "about" with the
 * dataset card and the data dictionary, then one sheet per table with typed cells (dates as dates,
 * decimals and counts as numbers, booleans as booleans), a frozen header row and widths fitted to the
 * text. Reproducible: the document's created and modified times are the release's, and the zip is
 * packed again with every entry dated at that time, so the same release gives the same bytes.
 */
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { UserError } from '../store/run.ts'
import { columns, tableSchema } from '../store/table-schemas.ts'
import { GRAIN, TITLE } from './dataset-card.ts'
import type { TableRows, Value } from './table-rows.ts'

export interface WorkbookInput {
  version: string
  created: string
  tables: TableRows[]
}

/** Characters that make a spreadsheet read a cell as a formula (the README's "No spreadsheet formulas" rule). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Text as a cell holds it: a value a spreadsheet could take for a formula gets a leading apostrophe
 * (OWASP's advice for CSV and spreadsheet exports). Curated text never starts so (the build refuses
 * it); this covers text the machine copied from an article, such as a mention or a quote.
 */
export function neutralize(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** Display width of text: CJK and other wide characters count two. */
function width(text: string): number {
  let n = 0
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1
  return n
}

function cellValue(kind: string, v: Value): ExcelJS.CellValue {
  if (v === null) return null
  if (kind === 'boolean') return v as boolean
  const text = String(v)
  if (kind === 'date') return new Date(`${text}T00:00:00Z`)
  if (kind === 'integer' || kind === 'decimal') return Number(text)
  return neutralize(text)
}

/** Excel's rows per sheet, the header included. */
export const EXCEL_MAX_ROWS = 1_048_576

function addTable(book: ExcelJS.Workbook, t: TableRows): void {
  if (t.rows.length + 1 > EXCEL_MAX_ROWS)
    throw new UserError(
      `workbook: ${t.table} has ${t.rows.length} rows, more than an Excel sheet holds (${EXCEL_MAX_ROWS - 1} under its header); the CSV, Parquet and database files have no such limit`,
    )
  const sheet = book.addWorksheet(t.table, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.addRow(t.columns.map((c) => c.name)).font = { bold: true }
  const widths = t.columns.map((c) => width(c.name))
  for (const r of t.rows) {
    const row = sheet.addRow(t.columns.map((c, i) => cellValue(c.kind, r[i])))
    t.columns.forEach((c, i) => {
      const v = r[i]
      if (v === null) return
      widths[i] = Math.max(widths[i], c.kind === 'date' ? 10 : width(String(v)))
      const cell = row.getCell(i + 1)
      if (c.kind === 'date') cell.numFmt = 'yyyy-mm-dd'
      else if (c.kind === 'decimal') cell.numFmt = Number.isInteger(Number(v)) ? '#,##0' : '#,##0.0###'
    })
  }
  t.columns.forEach((_, i) => {
    sheet.getColumn(i + 1).width = Math.min(60, widths[i] + 2)
  })
  if (t.rows.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } }
}

/**
 * The first sheet: the dataset card and the data dictionary as one table (part: dataset, table or
 * column), with no blank row or label, so that a reader that takes the first sheet for a table (the
 * Frictionless validator does) finds one.
 */
function addAbout(book: ExcelJS.Workbook, w: WorkbookInput): void {
  const sheet = book.addWorksheet('about', { views: [{ state: 'frozen', ySplit: 1 }] })
  const counts = new Map(w.tables.map((t) => [t.table, t.rows.length]))
  const card: [string, string][] = [
    ['title', TITLE],
    ['version', w.version],
    ['created', w.created],
    ['license', 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)'],
    ['cite as', `Fengkou (${w.created.slice(0, 4)}). ${TITLE} (version ${w.version}) [Data set]. See CITATION.cff.`],
    [
      'tiers',
      'review_status = reviewed: from annotations a curator confirmed; review_status = machine: drafted by the rules, unchecked. Keep reviewed rows for curated figures.',
    ],
    [
      'this workbook',
      'One sheet per table, as the CSV and Parquet files: dates as dates, amounts and counts as numbers (Excel keeps 15 significant digits; the Parquet and DuckDB files keep every amount exact), an empty cell is null. Text that could start a formula (= + - @, tab, carriage return) begins with an apostrophe here.',
    ],
    ['the CSV files', 'UTF-8 without a byte order mark: open them in Excel through Data > From Text/CSV with File origin 65001 (UTF-8), or use this workbook.'],
  ]
  const lines: (string | number | null)[][] = [
    ['part', 'table', 'column', 'type', 'nullable', 'rows', 'description'],
    ...card.map(([key, value]) => ['dataset', null, key, null, null, null, value]),
    ...w.tables
      .map((x) => x.table)
      .flatMap((t) => {
        const s = tableSchema(t)
        return [
          ['table', t, null, null, null, counts.get(t) ?? 0, `${s.description} One row per ${GRAIN[t]}.`],
          ...columns(t).map((c) => {
            const p = s.properties[c.name]
            const values = p.enum ? ` One of: ${p.enum.filter((v) => v !== null).join(', ')}.` : ''
            return ['column', t, c.name, c.type.toLowerCase(), c.nullable ? 'yes' : 'no', null, `${p.description}${values}`]
          }),
        ]
      }),
  ]
  lines.forEach((line, i) => {
    const row = sheet.addRow(line.map((v) => (typeof v === 'string' ? neutralize(v) : v)))
    if (i === 0 || line[0] === 'table') row.font = { bold: true }
  })
  for (const [i, w] of [10, 20, 22, 14, 9, 7, 110].entries()) sheet.getColumn(i + 1).width = w
}

/** The workbook's bytes. */
export async function workbookBytes(w: WorkbookInput): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const created = new Date(w.created)
  Object.assign(book, { creator: 'Fengkou', lastModifiedBy: 'Fengkou', created, modified: created, lastPrinted: undefined, title: TITLE })
  addAbout(book, w)
  for (const t of w.tables) addTable(book, t)
  const written = Buffer.from(await book.xlsx.writeBuffer())
  return repack(written, created)
}

/** The same zip entries, in the same order, each dated `date` (exceljs dates them at the time of writing). */
async function repack(zipBytes: Buffer, date: Date): Promise<Buffer> {
  const source = await JSZip.loadAsync(zipBytes)
  const out = new JSZip()
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue
    out.file(entry.name, await entry.async('nodebuffer'), { date, createFolders: false })
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' })
}
