-- grain: one row per (recipient, currency): reviewed funding that is not a claim, summed (exact: decimals)
-- a view of the one-file databases (DuckDB and SQLite); amount_total sums rows that state an amount
SELECT
  f.recipient_id, r.name_en AS recipient_name_en, r.name_zh AS recipient_name_zh, f.currency,
  count(*) AS funding_count, count(f.amount) AS with_amount_count, sum(f.amount) AS amount_total
FROM funding AS f
LEFT JOIN entities AS r ON r.entity_id = f.recipient_id
WHERE f.review_status = 'reviewed' AND f.status <> 'claimed'
GROUP BY f.recipient_id, r.name_en, r.name_zh, f.currency
ORDER BY f.recipient_id, f.currency
