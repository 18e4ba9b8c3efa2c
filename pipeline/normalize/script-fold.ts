/**
 * Traditional and simplified characters folded to one script, code point for code point, so the entity
 * matcher reads 銀河機器人 as 银河机器人 at the same offsets without converting the article. Pure: the
 * character tables come in (curate/opencc-script.ts reads opencc-js's, once per process).
 *
 *   foldScript(text, script): string        the text through script.table: same length, same offsets
 *   otherSpellings(name, script): string[]  traditional spellings of a name the table does not fold back to it
 */
import { foldUnits } from './text.ts'

export interface ScriptTables {
  /** UTF-16 unit -> its simplified unit (identity for every other unit): one unit for one, so lengths hold */
  table: Uint16Array
  /** simplified character -> the traditional characters written for it (cn->t, cn->hk, cn->tw) */
  traditional: Map<string, string[]>
}

/** No folding: each unit is itself and no name has another spelling (a matcher that reads one script only). */
export const ONE_SCRIPT: ScriptTables = { table: new Uint16Array(65536).map((_, code) => code), traditional: new Map() }

export function foldScript(text: string, script: ScriptTables): string {
  return foldUnits(text, script.table)
}

/** At most this many spellings per name: each such character alone, then all of them together. */
const MAX_SPELLINGS = 8

/**
 * The traditional spellings of a name that foldScript does not bring back to foldScript(name): a character
 * whose traditional form is astral (the length changes) or folds to another character (the tables are not
 * each other's inverse for a few hundred rare characters: 锺 -> 鍾 -> 钟). Empty for almost every name; the
 * matcher adds these as aliases so both spellings are found.
 */
export function otherSpellings(name: string, script: ScriptTables): string[] {
  const key = foldScript(name, script)
  const options: { at: number; forms: string[] }[] = []
  for (let i = 0; i < key.length; i++) {
    const forms = (script.traditional.get(key[i]) ?? []).filter((c) => c.length !== 1 || script.table[c.charCodeAt(0)] !== key.charCodeAt(i))
    if (forms.length) options.push({ at: i, forms })
  }
  if (!options.length) return []
  // right to left, so an astral replacement does not move the positions still to replace
  const spell = (chosen: { at: number; form: string }[]) =>
    [...chosen].sort((a, b) => b.at - a.at).reduce((out, { at, form }) => out.slice(0, at) + form + out.slice(at + 1), key)
  const one = options.flatMap((o) => o.forms.map((form) => spell([{ at: o.at, form }])))
  const all = spell(options.map((o) => ({ at: o.at, form: o.forms[0] })))
  return [...new Set([...one, all])].filter((s) => s !== key).slice(0, MAX_SPELLINGS)
}
