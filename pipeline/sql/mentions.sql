-- grain: one row per machine-extracted mention (mention_id) in one source's text
-- schema: schemas/tables/mentions.schema.json
SELECT * EXCLUDE (_source_id)
FROM staged_mentions
