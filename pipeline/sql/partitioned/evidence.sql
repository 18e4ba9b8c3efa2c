-- grain: one row per evidence span (evidence_id), with published_year: the year of the source it quotes
-- partition of: evidence (schemas/tables/evidence.schema.json)
SELECT evidence.*, year(s.published_on) AS published_year
FROM evidence
LEFT JOIN sources s USING (source_id)
