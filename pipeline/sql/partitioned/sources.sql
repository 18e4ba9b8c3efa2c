-- grain: one row per source (source_id), with published_year: the year of its publication date, null when not known
-- partition of: sources (schemas/tables/sources.schema.json)
SELECT sources.*, year(sources.published_on) AS published_year
FROM sources
