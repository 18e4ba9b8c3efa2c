/** Where the repository's folders are, independent of the working directory. */

import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const SCHEMAS_DIR = path.join(ROOT, 'schemas')
export const RAW_DIR = path.join(ROOT, 'raw')
export const DEFAULT_ENTITIES = path.join(RAW_DIR, 'entities.json')

/** A path for messages: relative to the repository when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file)
  return rel.startsWith('..') ? file : rel
}
