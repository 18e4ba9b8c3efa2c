-- grain: one row per metric (metric_id), with published_year: the year of the earliest dated source that reports it (first_reported.sql)
-- partition of: metrics (schemas/tables/metrics.schema.json)
SELECT metrics.*, f.published_year
FROM metrics
LEFT JOIN first_reported f ON f.record_table = 'metrics' AND f.record_id = metrics.metric_id
