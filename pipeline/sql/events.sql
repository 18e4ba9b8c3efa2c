-- grain: one row per real-world event (event_id), merged across the sources that report it
-- schema: schemas/tables/events.schema.json (descriptive text comes from the first source by id)
SELECT
  event_id,
  arg_min(event_type, _source_id) AS event_type,
  arg_min(subject_id, _source_id) AS subject_id,
  arg_min(summary_en, _source_id) AS summary_en,
  arg_min(summary_zh, _source_id) AS summary_zh,
  arg_min(date_text, _source_id) AS date_text,
  arg_min(date_start, _source_id) AS date_start,
  arg_min(date_end, _source_id) AS date_end,
  arg_min(date_precision, _source_id) AS date_precision,
  arg_min(date_qualifier, _source_id) AS date_qualifier,
  arg_min(date_edtf, _source_id) AS date_edtf,
  arg_min(status, _source_id) AS status,
  arg_min(attributed_to, _source_id) AS attributed_to,
  count(DISTINCT _source_id) AS source_count,
  arg_min(notes, _source_id) AS notes,
  -- a row a curator reviewed in any source is reviewed
  max(review_status) AS review_status
FROM staged_events
GROUP BY event_id
