/**
 * Entity mentions from the curated entity list (raw/entities.json, schemas/entities.schema.json):
 * every name and alias, longest match first; Latin forms case-insensitive on word boundaries.
 */
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

/** Every surface form claimed by a second entity: the later entity's index, the form, and the entity that claimed it first. */
export function formConflicts(entities: Entity[]): { index: number; form: string; owner: string }[] {
  const owner = new Map<string, string>()
  const out: { index: number; form: string; owner: string }[] = []
  entities.forEach((entity, index) => {
    for (const form of surfaceForms(entity)) {
      const claimed = owner.get(form)
      if (claimed && claimed !== entity.entity_id) out.push({ index, form, owner: claimed })
      else owner.set(form, entity.entity_id)
    }
  })
  return out
}

/** Builds a matcher; throws when two entities claim the same surface form. */
export function buildEntityMatcher(entities: Entity[]): EntityMatcher {
  const [conflict] = formConflicts(entities)
  if (conflict) throw new Error(`surface form "${conflict.form}" belongs to both ${conflict.owner} and ${entities[conflict.index].entity_id}`)
  const byFirst = new Map<string, Form[]>()
  for (const entity of entities) {
    for (const folded of surfaceForms(entity)) {
      const list = byFirst.get(folded[0]) ?? []
      list.push({ folded, entity, isLatin: /^[a-z0-9]/.test(folded) })
      byFirst.set(folded[0], list)
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.folded.length - a.folded.length || (a.folded < b.folded ? -1 : 1))
  // jumps straight to the next character that starts some name
  const starts = new RegExp(`[${[...byFirst.keys()].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`, 'g')

  return {
    find(folded: string): EntityMatch[] {
      const out: EntityMatch[] = []
      for (let i = 0; i < folded.length; i++) {
        starts.lastIndex = i
        if (byFirst.size === 0 || !starts.test(folded)) break
        i = starts.lastIndex - 1
        const list = byFirst.get(folded[i])
        if (!list) continue
        for (const form of list) {
          if (!folded.startsWith(form.folded, i)) continue
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
