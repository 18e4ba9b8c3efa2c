/** Reading the dataset's CSV files, shared by the release, site, benchmark and tests. */
import fs from 'node:fs'
import Papa from 'papaparse'

/**
 * Rows of a CSV file with a header row, every value as written (an empty field is ""). With `pick`, only the rows
 * `where` keeps, each with only the `columns` named, read one row at a time: a table of millions of rows (mentions at
 * 100,000 articles) is not held as one object per row.
 */
export function readCsvRows(file: string, pick?: { where?: (row: Record<string, string>) => boolean; columns?: string[] }): Record<string, string>[] {
  const text = fs.readFileSync(file, 'utf8')
  if (!pick) return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data
  const { where = () => true, columns } = pick
  const kept: Record<string, string>[] = []
  Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
    step: ({ data }) => {
      if (where(data)) kept.push(columns ? Object.fromEntries(columns.map((c) => [c, data[c]])) : data)
    },
  })
  return kept
}
