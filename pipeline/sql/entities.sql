-- grain: one row per person, organization or product (entity_id): the curated list's entry, else the
-- entry entity discovery made in the first source (by id) that found the name (review_status = machine)
-- schema: schemas/tables/entities.schema.json
SELECT * EXCLUDE (_source_id, _pick)
FROM (
  SELECT *, row_number() OVER (PARTITION BY entity_id ORDER BY review_status DESC, _source_id) AS _pick
  FROM staged_entities
)
WHERE _pick = 1
