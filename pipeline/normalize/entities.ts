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

/** Builds a matcher; throws when two entities claim the same surface form. */
export function buildEntityMatcher(entities: Entity[]): EntityMatcher {
  const byFirst = new Map<string, Form[]>()
  const owner = new Map<string, string>()
  for (const entity of entities) {
    const forms = new Set([entity.name_en, ...(entity.name_zh ? [entity.name_zh] : []), ...entity.aliases].map(foldText))
    for (const folded of forms) {
      const claimed = owner.get(folded)
      if (claimed && claimed !== entity.entity_id) {
        throw new Error(`surface form "${folded}" belongs to both ${claimed} and ${entity.entity_id}`)
      }
      owner.set(folded, entity.entity_id)
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
        if (byFirst.size === 0 || !starts.exec(folded)) break
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
