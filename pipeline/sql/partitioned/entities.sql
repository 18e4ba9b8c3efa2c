-- grain: one row per entity (entity_id), with published_year: the year of the earliest dated source that mentions it, null when none does
-- partition of: entities (schemas/tables/entities.schema.json)
SELECT entities.*, y.published_year
FROM entities
LEFT JOIN (
  SELECT m.entity_id, min(year(s.published_on)) AS published_year
  FROM mentions m
  JOIN sources s USING (source_id)
  WHERE m.entity_id IS NOT NULL AND s.published_on IS NOT NULL
  GROUP BY m.entity_id
) y ON y.entity_id = entities.entity_id
