-- grain: one row per person, organization or product (entity_id): the curated entry, else discovery's from the first source by id
-- schema: schemas/tables/entities.schema.json (names and aliases as the matcher merged them: entity_names; review_status: reviewed for the curated list)
SELECT
  e.entity_id, e.entity_type,
  coalesce(n.name_en, e.name_en) AS name_en,
  CASE WHEN n.entity_id IS NULL THEN e.name_zh ELSE n.name_zh END AS name_zh,
  CASE WHEN n.entity_id IS NULL THEN e.aliases ELSE n.aliases END AS aliases,
  e.wikidata_id, e.description_en, e.review_status
FROM (
  SELECT *, row_number() OVER (PARTITION BY entity_id ORDER BY review_status DESC, _source_id) AS _pick
  FROM staged_entities
) e
LEFT JOIN entity_names n ON n.entity_id = e.entity_id
WHERE e._pick = 1
