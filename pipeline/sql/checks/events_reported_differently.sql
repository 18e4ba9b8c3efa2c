-- fails: a reviewed event (one curated id) reported by two sources with different type, subject, dates or status
-- (machine reports matched to one event may disagree: the build report lists those conflicts)
-- returns: one row per disagreeing event, naming the sources
SELECT event_id AS record_id, string_agg(DISTINCT _source_id, ' and ' ORDER BY _source_id) AS sources
FROM staged_events
WHERE review_status = 'reviewed'
GROUP BY event_id
HAVING count(DISTINCT (event_type, subject_id, coalesce(date_start::VARCHAR, ''), coalesce(date_end::VARCHAR, ''), date_precision, status)) > 1
