-- fails: a metric reported by two sources with different value, unit or dates
-- returns: one row per disagreeing metric, naming the sources
SELECT metric_id AS record_id, string_agg(DISTINCT _source_id, ' and ' ORDER BY _source_id) AS sources
FROM staged_metrics
GROUP BY metric_id
HAVING count(DISTINCT (coalesce(value::VARCHAR, ''), unit, coalesce(date_start::VARCHAR, ''), coalesce(date_end::VARCHAR, ''))) > 1
