-- question: what happened when? every dated event, earliest first, with how precise its date is
SELECT
  coalesce(e.date_start, e.date_end) AS sort_day,
  e.date_start,
  e.date_end,
  e.date_precision,
  e.date_qualifier,
  e.date_text,
  e.event_type,
  e.summary_en,
  e.status
FROM read_parquet(getvariable('release') || '/events.parquet') AS e
WHERE e.date_start IS NOT NULL OR e.date_end IS NOT NULL
ORDER BY sort_day, e.event_id
