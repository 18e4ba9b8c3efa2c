/**
 * The script tables of normalize/script-fold.ts from opencc-js's character dictionaries, made once per
 * process (milliseconds), never per article.
 *
 * table: opencc's hk->cn then tw->cn converters at character level (HKVariantsRev, then TSCharacters;
 * TWVariantsRev, then TSCharacters), only the entries of one UTF-16 unit to one, so the length never
 * changes. traditional: STCharacters, and its HKVariants and TWVariants forms. The phrase dictionaries are
 * not read (STPhrases is 1 MB, half a second to load): of its 49,238 entries 11 change the length and 259
 * write a character the table does not fold back (了望 -> 瞭望, 万馀 -> 萬餘); a name spelled so in an
 * article needs that spelling as an alias in the list.
 */
import HKVariants from 'opencc-js/dict/HKVariants'
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev'
import STCharacters from 'opencc-js/dict/STCharacters'
import TSCharacters from 'opencc-js/dict/TSCharacters'
import TWVariants from 'opencc-js/dict/TWVariants'
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev'
import type { ScriptTables } from '../normalize/script-fold.ts'

/** An opencc dictionary ("from to1 to2|…") as from -> its first replacement, as opencc-js's Trie reads it. */
function entries(dict: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ')
    if (from && to) out.set(from, to)
  }
  return out
}

let tables: ScriptTables | null = null

export function openccScript(): ScriptTables {
  if (tables) return tables
  const ts = entries(TSCharacters)
  const stages = [entries(HKVariantsRev), ts, entries(TWVariantsRev), ts]
  const table = new Uint16Array(65536).map((_, code) => code)
  for (const from of new Set(stages.flatMap((m) => [...m.keys()]))) {
    if (from.length !== 1) continue
    // a stage whose replacement is not one unit (an astral character) leaves the character as it is: lengths hold
    const to = stages.reduce((c, stage) => {
      const next = stage.get(c)
      return next !== undefined && next.length === 1 ? next : c
    }, from)
    table[from.charCodeAt(0)] = to.charCodeAt(0)
  }
  const variants = [entries(HKVariants), entries(TWVariants)]
  const traditional = new Map<string, string[]>()
  for (const [s, t] of entries(STCharacters)) traditional.set(s, [...new Set([t, ...variants.map((v) => v.get(t) ?? t)])])
  tables = { table, traditional }
  return tables
}
