-- grain: one row per transfer or promise of money (funding_id), merged across sources
-- schema: schemas/tables/funding.schema.json
SELECT
  funding_id,
  arg_min(event_id, _source_id) AS event_id,
  arg_min(funding_type, _source_id) AS funding_type,
  arg_min(round, _source_id) AS round,
  arg_min(status, _source_id) AS status,
  arg_min(recipient_id, _source_id) AS recipient_id,
  arg_min(funder_names, _source_id) AS funder_names,
  bool_or(funders_complete) AS funders_complete,
  arg_min(amount, _source_id) AS amount,
  arg_min(currency, _source_id) AS currency,
  arg_min(amount_qualifier, _source_id) AS amount_qualifier,
  arg_min(amount_low, _source_id) AS amount_low,
  arg_min(amount_high, _source_id) AS amount_high,
  arg_min(amount_usd, _source_id) AS amount_usd,
  arg_min(date_text, _source_id) AS date_text,
  arg_min(date_start, _source_id) AS date_start,
  arg_min(date_end, _source_id) AS date_end,
  arg_min(date_precision, _source_id) AS date_precision,
  arg_min(date_qualifier, _source_id) AS date_qualifier,
  arg_min(date_edtf, _source_id) AS date_edtf,
  arg_min(attributed_to, _source_id) AS attributed_to,
  arg_min(notes, _source_id) AS notes,
  -- a row a curator reviewed in any source is reviewed
  max(review_status) AS review_status
FROM staged_funding
GROUP BY funding_id
