-- fails: an event, funding, metric or mention row whose range is inverted (date_start after date_end, low above the value or the value above high)
-- returns: the record's table, id and the bounds out of order
-- scope: the merged rows this build computed (new_events, new_funding, new_metrics) and the mentions of the sources it loaded
-- (new_mentions), 05-model.ts scopeChecks: a check of each row alone
SELECT 'events' AS record_table, event_id AS record_id, date_start::VARCHAR AS low, date_end::VARCHAR AS high FROM new_events
WHERE date_start > date_end
UNION ALL
SELECT 'funding', funding_id, date_start::VARCHAR, date_end::VARCHAR FROM new_funding WHERE date_start > date_end
UNION ALL
SELECT 'funding', funding_id, coalesce(amount_low, amount)::VARCHAR, coalesce(amount_high, amount)::VARCHAR FROM new_funding
WHERE amount_low > amount_high OR amount_low > amount OR amount > amount_high
UNION ALL
SELECT 'metrics', metric_id, date_start::VARCHAR, date_end::VARCHAR FROM new_metrics WHERE date_start > date_end
UNION ALL
SELECT 'metrics', metric_id, coalesce(value_low, value)::VARCHAR, coalesce(value_high, value)::VARCHAR FROM new_metrics
WHERE value_low > value_high OR value_low > value OR value > value_high
UNION ALL
SELECT 'mentions', mention_id, date_start::VARCHAR, date_end::VARCHAR FROM new_mentions WHERE date_start > date_end
UNION ALL
SELECT 'mentions', mention_id, coalesce(amount_low, amount)::VARCHAR, coalesce(amount_high, amount)::VARCHAR FROM new_mentions
WHERE amount_low > amount_high OR amount_low > amount OR amount > amount_high
