-- grain: one row per event, with its subject's names, in date order (undated events last)
-- a view of the one-file databases (DuckDB and SQLite)
SELECT
  ev.date_start, ev.date_end, ev.date_precision, ev.date_qualifier, ev.date_text,
  ev.event_id, ev.event_type, ev.subject_id, s.name_en AS subject_name_en, s.name_zh AS subject_name_zh,
  ev.summary_en, ev.summary_zh, ev.status, ev.review_status
FROM events AS ev
LEFT JOIN entities AS s ON s.entity_id = ev.subject_id
ORDER BY ev.date_start NULLS LAST, ev.event_id
