-- fails: a reviewed funding record (one curated id) reported by two sources with different amount, currency, dates or status
-- (machine reports matched to one flow may disagree: the build report lists those conflicts)
-- returns: one row per disagreeing record, naming the sources
SELECT funding_id AS record_id, string_agg(DISTINCT _source_id, ' and ' ORDER BY _source_id) AS sources
FROM staged_funding
WHERE review_status = 'reviewed'
GROUP BY funding_id
HAVING count(DISTINCT (coalesce(amount::VARCHAR, ''), coalesce(currency, ''), coalesce(date_start::VARCHAR, ''), coalesce(date_end::VARCHAR, ''), status, recipient_id)) > 1
