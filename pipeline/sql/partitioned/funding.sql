-- grain: one row per funding (funding_id), with published_year: the year of the earliest dated source that reports it (first_reported.sql)
-- partition of: funding (schemas/tables/funding.schema.json)
SELECT funding.*, f.published_year
FROM funding
LEFT JOIN first_reported f ON f.record_table = 'funding' AND f.record_id = funding.funding_id
