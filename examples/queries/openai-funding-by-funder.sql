-- question: how much funding did OpenAI receive, by funder and type, claims excluded?
-- a joint commitment stays one row for its group of funders: it is never split or counted twice
SELECT
  f.funder_names AS funders,
  f.funders_complete,
  f.funding_type,
  f.currency,
  sum(f.amount) AS amount,
  sum(f.amount_usd) AS amount_usd
FROM read_parquet(getvariable('release') || '/funding.parquet') AS f
WHERE f.recipient_id = 'openai' AND f.status <> 'claimed'
GROUP BY ALL
ORDER BY amount_usd DESC, funders
