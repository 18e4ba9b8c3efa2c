-- grain: one row per real transfer or promise of money (funding_id), merged across the sources that report it (pipeline/curate/match-records.ts)
-- schema: schemas/tables/funding.schema.json (values by the matching conventions; US dollars by the conversion rules, rates in data/fx/)
WITH merged AS (
  SELECT
    funding_id,
    -- _rank, _amount_rank, _date_rank, _status_rank: the matcher's order of the reports; null for a machine report of a reviewed flow
    arg_min(event_id, _rank) AS event_id,
    arg_min(funding_type, _rank) AS funding_type,
    arg_min(round, _rank) AS round,
    -- the status and who claims it come from one report, the most definite (match-records.ts statusRanked)
    arg_min(status, _status_rank) AS status,
    arg_min(recipient_id, _rank) AS recipient_id,
    arg_min(funder_names, _rank) AS funder_names,
    bool_or(funders_complete) FILTER (WHERE _rank IS NOT NULL) AS funders_complete,
    arg_min_null(amount, _amount_rank) AS amount,
    arg_min_null(currency, _amount_rank) AS currency,
    arg_min_null(amount_qualifier, _amount_rank) AS amount_qualifier,
    arg_min_null(amount_low, _amount_rank) AS amount_low,
    arg_min_null(amount_high, _amount_rank) AS amount_high,
    arg_min_null(date_text, _date_rank) AS date_text,
    arg_min_null(date_start, _date_rank) AS date_start,
    arg_min_null(date_end, _date_rank) AS date_end,
    arg_min_null(date_precision, _date_rank) AS date_precision,
    arg_min_null(date_qualifier, _date_rank) AS date_qualifier,
    arg_min_null(date_edtf, _date_rank) AS date_edtf,
    arg_min_null(_published_on, _date_rank) AS _published_on,
    arg_min_null(attributed_to, _status_rank) AS attributed_to,
    arg_min(notes, _rank) AS notes,
    -- a row a curator reviewed in any source is reviewed
    max(review_status) AS review_status
  FROM staged_funding
  GROUP BY funding_id
),
periods AS (
  -- the rate's period: the month of date_start; the publication month when undated; the year when only the year is known
  SELECT *,
    CASE
      WHEN currency IS NULL OR currency = 'USD' OR (amount IS NULL AND amount_low IS NULL AND amount_high IS NULL) THEN NULL
      WHEN date_start IS NULL THEN strftime(_published_on, '%Y-%m')
      WHEN date_precision = 'year' THEN strftime(date_start, '%Y')
      WHEN date_precision IN ('decade', 'century') THEN NULL
      ELSE strftime(date_start, '%Y-%m')
    END AS _period
  FROM merged
),
converted AS (
  SELECT p.*, r.units_per_usd AS _rate, r.micro AS _micro
  FROM periods p LEFT JOIN fx_rates r ON r.currency = p.currency AND r.period = p._period
)
SELECT
  funding_id, event_id, funding_type, round, status, recipient_id,
  coalesce(n.funder_names, c.funder_names) AS funder_names,
  funders_complete, amount, currency, amount_qualifier, amount_low, amount_high,
  CASE WHEN currency = 'USD' THEN amount ELSE usd(amount, _micro) END AS amount_usd,
  CASE WHEN currency = 'USD' THEN amount_low ELSE usd(amount_low, _micro) END AS amount_low_usd,
  CASE WHEN currency = 'USD' THEN amount_high ELSE usd(amount_high, _micro) END AS amount_high_usd,
  _rate::DECIMAL(38,4) AS usd_rate,
  CASE WHEN _rate IS NOT NULL THEN _period END AS usd_rate_period,
  date_text, date_start, date_end, date_precision, date_qualifier, date_edtf, attributed_to,
  nullif(concat_ws(E'\n', c.notes, n.note), '') AS notes,
  review_status
FROM converted c
LEFT JOIN merge_notes n ON n.record_table = 'funding' AND n.record_id = c.funding_id
