/**
 * Entity mentions from the curated entity list (raw/entities.json, schemas/entities.schema.json):
 * every name and alias, longest match first; Latin forms case-insensitive on word boundaries; Chinese
 * forms in either script (the list writes 银河机器人, a Hong Kong article 銀河機器人): names and text are
 * compared through the script tables' fold, one UTF-16 unit for one, so offsets are the article's own
 * (ONE_SCRIPT: one script only). The tables come in, built once per process (curate/opencc-script.ts).
 */
import { foldScript, otherSpellings, type ScriptTables } from './script-fold.ts'
import { foldText } from './text.ts'

/** What the matcher reads of an entry of the entity list (schemas/entities.schema.json describes the whole entry). */
export interface Entity {
  entity_id: string
  entity_type: 'person' | 'organization' | 'product'
  name_en: string
  name_zh: string | null
  aliases: string[]
}

export interface EntityMatch {
  start: number
  end: number
  entity_id: string
  entity_type: Entity['entity_type']
}

interface Form {
  folded: string
  entity: Entity
  isLatin: boolean
}

export interface EntityMatcher {
  find(folded: string): EntityMatch[]
}

const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c)

/** The folded forms an entity is matched by: its names and aliases, each once. */
export function surfaceForms(entity: Entity): string[] {
  return [...new Set([entity.name_en, ...(entity.name_zh ? [entity.name_zh] : []), ...entity.aliases].map(foldText))]
}

/**
 * The forms the matcher compares with the text: each surface form folded to one script, and the traditional
 * spellings that fold to another form (otherSpellings: an astral or irregular character), each once.
 */
export function matchForms(entity: Entity, script: ScriptTables): string[] {
  const one = (f: string) => foldScript(f, script)
  return [...new Set(surfaceForms(entity).flatMap((f) => [one(f), ...otherSpellings(f, script).map(one)]))]
}

/** Every match form claimed by a second entity: the later entity's index, the form, and the entity that claimed it first. */
export function formConflicts(entities: Entity[], script: ScriptTables): { index: number; form: string; owner: string }[] {
  const owner = new Map<string, string>()
  const out: { index: number; form: string; owner: string }[] = []
  entities.forEach((entity, index) => {
    for (const form of matchForms(entity, script)) {
      const claimed = owner.get(form)
      if (claimed && claimed !== entity.entity_id) out.push({ index, form, owner: claimed })
      else owner.set(form, entity.entity_id)
    }
  })
  return out
}

/** Builds a matcher; throws when two entities claim the same surface form. */
export function buildEntityMatcher(entities: Entity[], scriptTables: ScriptTables): EntityMatcher {
  const [conflict] = formConflicts(entities, scriptTables)
  if (conflict) throw new Error(`surface form "${conflict.form}" belongs to both ${conflict.owner} and ${entities[conflict.index].entity_id}`)
  const script = scriptTables.table
  const byFirst = new Map<number, Form[]>()
  for (const entity of entities) {
    for (const folded of matchForms(entity, scriptTables)) {
      const list = byFirst.get(folded.charCodeAt(0)) ?? []
      list.push({ folded, entity, isLatin: /^[a-z0-9]/.test(folded) })
      byFirst.set(folded.charCodeAt(0), list)
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.folded.length - a.folded.length || (a.folded < b.folded ? -1 : 1))
  // jumps straight to the next character that starts some name, in either script
  const firsts: string[] = []
  for (let code = 0; code < script.length; code++) if (byFirst.has(script[code])) firsts.push(String.fromCharCode(code))
  const starts = new RegExp(`[${firsts.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`, 'g')
  /** `form` at `i` of the folded text, each unit compared through the script table */
  const at = (folded: string, i: number, form: string) => {
    if (i + form.length > folded.length) return false
    for (let k = 0; k < form.length; k++) if (script[folded.charCodeAt(i + k)] !== form.charCodeAt(k)) return false
    return true
  }

  return {
    find(folded: string): EntityMatch[] {
      const out: EntityMatch[] = []
      for (let i = 0; i < folded.length; i++) {
        starts.lastIndex = i
        if (byFirst.size === 0 || !starts.test(folded)) break
        i = starts.lastIndex - 1
        const list = byFirst.get(script[folded.charCodeAt(i)])
        if (!list) continue
        for (const form of list) {
          if (!at(folded, i, form.folded)) continue
          const end = i + form.folded.length
          if (form.isLatin && (isWordChar(folded[i - 1]) || (/[a-z0-9]$/.test(form.folded) && isWordChar(folded[end])))) continue
          out.push({ start: i, end, entity_id: form.entity.entity_id, entity_type: form.entity.entity_type })
          i = end - 1
          break
        }
      }
      return out
    },
  }
}
