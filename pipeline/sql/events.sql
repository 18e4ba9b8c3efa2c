-- grain: one row per real-world event (event_id), merged across the sources that report it (pipeline/curate/match-records.ts)
-- schema: schemas/tables/events.schema.json (values by the matching conventions: a reviewed report wins, else the most precise date, the most definite status, else the earliest report)
SELECT
  event_id,
  arg_min(event_type, _rank) AS event_type,
  arg_min(subject_id, _rank) AS subject_id,
  arg_min(summary_en, _rank) AS summary_en,
  arg_min(summary_zh, _rank) AS summary_zh,
  arg_min_null(date_text, _date_rank) AS date_text,
  arg_min_null(date_start, _date_rank) AS date_start,
  arg_min_null(date_end, _date_rank) AS date_end,
  arg_min_null(date_precision, _date_rank) AS date_precision,
  arg_min_null(date_qualifier, _date_rank) AS date_qualifier,
  arg_min_null(date_edtf, _date_rank) AS date_edtf,
  -- the status and who claims it come from one report, the most definite (match-records.ts statusRanked)
  arg_min(status, _status_rank) AS status,
  arg_min_null(attributed_to, _status_rank) AS attributed_to,
  -- every source that reports it, reviewed or not
  count(DISTINCT _source_id) AS source_count,
  nullif(concat_ws(E'\n', arg_min(notes, _rank), any_value(n.note)), '') AS notes,
  -- a row a curator reviewed in any source is reviewed
  max(review_status) AS review_status
FROM staged_events
LEFT JOIN merge_notes n ON n.record_table = 'events' AND n.record_id = staged_events.event_id
GROUP BY event_id
