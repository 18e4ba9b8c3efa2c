-- grain: one row per mention (mention_id), with published_year: the year of the source it is in
-- partition of: mentions (schemas/tables/mentions.schema.json)
SELECT mentions.*, year(s.published_on) AS published_year
FROM mentions
LEFT JOIN sources s USING (source_id)
