-- fails: a funding row whose amounts in US dollars do not follow from its amounts: a USD row not equal to them (or
-- with a rate), a row converted without a rate, a rate with an amount left unconverted, or a rate without its period
-- returns: the row, its currency, amount, amount in US dollars and rate
-- scope: new_funding, the rows this build computed (05-model.ts scopeChecks): a check of each row alone
SELECT funding_id AS record_id, currency, amount::VARCHAR AS amount, amount_usd::VARCHAR AS amount_usd, usd_rate::VARCHAR AS usd_rate
FROM new_funding
WHERE (currency = 'USD' AND (amount_usd IS DISTINCT FROM amount OR amount_low_usd IS DISTINCT FROM amount_low
                             OR amount_high_usd IS DISTINCT FROM amount_high OR usd_rate IS NOT NULL))
   OR (currency IS DISTINCT FROM 'USD' AND usd_rate IS NULL AND coalesce(amount_usd, amount_low_usd, amount_high_usd) IS NOT NULL)
   OR (currency <> 'USD' AND usd_rate IS NOT NULL AND ((amount IS NULL) <> (amount_usd IS NULL) OR (amount_low IS NULL) <> (amount_low_usd IS NULL)
                                                       OR (amount_high IS NULL) <> (amount_high_usd IS NULL)))
   OR ((usd_rate IS NULL) <> (usd_rate_period IS NULL))
