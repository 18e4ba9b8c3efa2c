/**
 * What the export keeps from its previous run: a table whose rows did not change keeps the CSV and
 * Parquet files the previous export wrote, hard-linked into the new versioned folder, instead of being
 * written again. Whether the rows changed is told by a fingerprint DuckDB computes over them (see
 * 06-export.ts, tableKey); the files, by the hash recorded when they were written. A file whose size,
 * times or inode differ from the record (as git compares them) is hashed again, and a file whose hash
 * is not the recorded one is written again, so a file edited by hand is never carried forward.
 * The record lives beside the model (<build>/05-model/export-tables.json), never in the dataset.
 */
import fs from 'node:fs'
import path from 'node:path'
import { sha256, statSignature, writeJsonAtomic } from './files.ts'

/** One file the export wrote: its hash and size (for datapackage.json), and its stat when recorded. */
export interface FileRecord {
  sha256: string
  bytes: number
  stat: string
}

/** The previous export: the versioned folder it wrote, and per table the fingerprint of its rows and its files. */
export interface ExportRecord {
  folder: string
  tables: Record<string, { key: string; files: Record<string, FileRecord> }>
}

/** A file's statSignature (files.ts), or null when there is none. */
function fileSignature(file: string): string | null {
  const st = fs.statSync(file, { throwIfNoEntry: false, bigint: true })
  return st ? statSignature(st) : null
}

export function readExportRecord(file: string): ExportRecord | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as ExportRecord
    return typeof value?.folder === 'string' && value.tables && typeof value.tables === 'object' ? value : null
  } catch {
    // missing or unreadable: nothing is reused, every table is written
    return null
  }
}

/** A file's hash and size, read from the file. */
export function fileRecord(file: string): Omit<FileRecord, 'stat'> {
  const bytes = fs.readFileSync(file)
  return { sha256: sha256(bytes), bytes: bytes.length }
}

/** The recorded file, when the file in `dir` still has its recorded bytes (by stat, else by hash); null otherwise. */
function unchanged(dir: string, name: string, recorded: FileRecord | undefined): FileRecord | null {
  if (!recorded) return null
  const file = path.join(dir, name)
  if (fileSignature(file) === recorded.stat) return recorded
  if (!fs.existsSync(file)) return null
  const now = fileRecord(file)
  return now.sha256 === recorded.sha256 && now.bytes === recorded.bytes ? recorded : null
}

/**
 * Links a table's files from the previous export's folder into `into` when its rows have the
 * recorded fingerprint and every file is as recorded; returns their hashes and sizes, or null when
 * the table must be written (nothing is left in `into` then).
 */
export function keepTable(
  previous: { record: ExportRecord; dir: string } | null,
  table: string,
  key: string,
  names: string[],
  into: string,
): Record<string, Omit<FileRecord, 'stat'>> | null {
  const entry = previous?.record.tables[table]
  if (!previous || entry?.key !== key) return null
  const kept = names.map((name) => unchanged(previous.dir, name, entry.files[name]))
  if (kept.some((k) => k === null)) return null
  const out: Record<string, Omit<FileRecord, 'stat'>> = {}
  names.forEach((name, i) => {
    const target = path.join(into, name)
    try {
      fs.linkSync(path.join(previous.dir, name), target)
    } catch {
      // a file system without hard links: a copy has the same bytes
      fs.copyFileSync(path.join(previous.dir, name), target)
    }
    out[name] = { sha256: (kept[i] as FileRecord).sha256, bytes: (kept[i] as FileRecord).bytes }
  })
  return out
}

/**
 * Records what the export left in `dir` (the folder out/ now points at): written last, after the swap
 * and the removal of leftovers (a link or unlink changes a file's change time), so the stats are final.
 */
export function writeExportRecord(file: string, dir: string, tables: Record<string, { key: string; files: Record<string, Omit<FileRecord, 'stat'>> }>): void {
  const record: ExportRecord = { folder: path.basename(dir), tables: {} }
  for (const [table, { key, files }] of Object.entries(tables)) {
    const recorded: Record<string, FileRecord> = {}
    for (const [name, f] of Object.entries(files)) recorded[name] = { ...f, stat: fileSignature(path.join(dir, name)) ?? 'missing' }
    record.tables[table] = { key, files: recorded }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  writeJsonAtomic(file, record)
}
