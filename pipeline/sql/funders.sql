-- grain: one row per (funding, funder), once however many sources report it
-- schema: schemas/tables/funders.schema.json
SELECT DISTINCT * EXCLUDE (_source_id)
FROM staged_funders
