-- grain: one row per stated figure that is not a flow of money (metric_id), merged across sources
-- schema: schemas/tables/metrics.schema.json
SELECT
  metric_id,
  arg_min(subject_id, _source_id) AS subject_id,
  arg_min(measure, _source_id) AS measure,
  arg_min(value, _source_id) AS value,
  arg_min(value_low, _source_id) AS value_low,
  arg_min(value_high, _source_id) AS value_high,
  arg_min(unit, _source_id) AS unit,
  arg_min(qualifier, _source_id) AS qualifier,
  arg_min(date_text, _source_id) AS date_text,
  arg_min(date_start, _source_id) AS date_start,
  arg_min(date_end, _source_id) AS date_end,
  arg_min(date_precision, _source_id) AS date_precision,
  arg_min(date_qualifier, _source_id) AS date_qualifier,
  arg_min(date_edtf, _source_id) AS date_edtf,
  arg_min(status, _source_id) AS status,
  arg_min(attributed_to, _source_id) AS attributed_to,
  arg_min(event_id, _source_id) AS event_id,
  arg_min(notes, _source_id) AS notes,
  -- a row a curator reviewed in any source is reviewed
  max(review_status) AS review_status
FROM staged_metrics
GROUP BY metric_id
