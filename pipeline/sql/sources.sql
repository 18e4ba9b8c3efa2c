-- grain: one row per source article (source_id), as its source's records give it
-- schema: schemas/tables/sources.schema.json
SELECT * EXCLUDE (_source_id)
FROM staged_sources
