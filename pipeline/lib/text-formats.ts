/** Reading the dataset's CSV files and writing text into HTML, shared by the release, site and benchmark. */
import fs from 'node:fs'
import Papa from 'papaparse'

/** Rows of a CSV file with a header row, every value as written (an empty field is ""). */
export function readCsvRows(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data
}

/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(s: string | null | undefined): string {
  return (s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
