/**
 * Reading the curated entity list (raw/entities.json): schema-valid, each entity_id once, each
 * surface form owned by one entity; any problem names the file, line and JSON pointer.
 */
import fs from 'node:fs'
import { buildEntityMatcher, type EntityMatcher, formConflicts } from '../normalize/entities.ts'
import type { EntitiesEntity } from '../store/schema-types.ts'
import { DataError, type Problem, parseYaml, readJsonValid } from '../store/validate.ts'
import { openccScript } from './opencc-script.ts'

/** Parsed lists by file, reused while the file's bytes are the same (one build runs several stages in one process). */
const cache = new Map<string, { bytes: Buffer; entities: Entity[] }>()

/** One entry of raw/entities.json, as schemas/entities.schema.json describes it */
export type Entity = EntitiesEntity

export function readEntityList(file: string): Entity[] {
  const bytes = fs.readFileSync(file)
  const cached = cache.get(file)
  if (cached?.bytes.equals(bytes)) return cached.entities
  const entities = readJsonValid<{ entities: Entity[] }>('entities', file).entities
  const problems: Problem[] = []
  const ids = new Map<string, number>()
  entities.forEach((e, i) => {
    const prior = ids.get(e.entity_id)
    if (prior !== undefined)
      problems.push({ pointer: `/entities/${i}/entity_id`, line: null, message: `duplicate entity_id "${e.entity_id}" (also /entities/${prior})` })
    ids.set(e.entity_id, i)
  })
  for (const c of formConflicts(entities, openccScript()))
    problems.push({
      pointer: `/entities/${c.index}`,
      line: null,
      message: `the name "${c.form}" belongs to both ${c.owner} and ${entities[c.index].entity_id}`,
    })
  if (problems.length) {
    const { lineOf } = parseYaml(fs.readFileSync(file, 'utf8'), file)
    throw new DataError(
      file,
      problems.map((p) => ({ ...p, line: lineOf(p.pointer) })),
    )
  }
  cache.set(file, { bytes, entities })
  return entities
}

const matchers = new WeakMap<Entity[], EntityMatcher>()

/** The matcher for a list, built once per parsed list. */
export function readEntityMatcher(file: string): EntityMatcher {
  const entities = readEntityList(file)
  let matcher = matchers.get(entities)
  if (!matcher) {
    matcher = buildEntityMatcher(entities, openccScript())
    matchers.set(entities, matcher)
  }
  return matcher
}
