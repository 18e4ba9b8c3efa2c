-- grain: one row per person, organization or product (entity_id): the curated entry, else discovery's from the first source by id
-- schema: schemas/tables/entities.schema.json (review_status says which: reviewed for the curated list, machine for discovery)
SELECT * EXCLUDE (_source_id, _pick)
FROM (
  SELECT *, row_number() OVER (PARTITION BY entity_id ORDER BY review_status DESC, _source_id) AS _pick
  FROM staged_entities
)
WHERE _pick = 1
