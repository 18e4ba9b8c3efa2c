/** Reading the dataset's CSV files, shared by the release, site, benchmark and tests. */
import fs from 'node:fs'
import Papa from 'papaparse'

/** Rows of a CSV file with a header row, every value as written (an empty field is ""). */
export function readCsvRows(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data
}
