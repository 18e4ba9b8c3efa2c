-- grain: one row per person, organization or product (entity_id), from the curated entities file
-- schema: schemas/tables/entities.schema.json
SELECT * EXCLUDE (_source_id)
FROM staged_entities
