-- grain: one row per record with evidence (record_table, record_id): published_year, the year of the earliest dated source that reports it
-- used by: the partitioned output of events, funding, metrics and their link tables (pipeline/cli/partitioned.ts); a record no dated source reports has no row
SELECT e.record_table, e.record_id, min(year(s.published_on)) AS published_year
FROM evidence e
JOIN sources s USING (source_id)
WHERE s.published_on IS NOT NULL
GROUP BY e.record_table, e.record_id
