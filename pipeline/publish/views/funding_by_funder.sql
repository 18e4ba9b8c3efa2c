-- grain: one row per (funding, funder), with the names of recipient and funder: who gave how much to whom
-- a view of the one-file databases (DuckDB and SQLite); keep reviewed rows and drop claims for curated figures
SELECT
  f.funding_id, f.funding_type, f.round, f.status, f.review_status,
  f.recipient_id, r.name_en AS recipient_name_en, r.name_zh AS recipient_name_zh,
  fu.entity_id AS funder_id, e.name_en AS funder_name_en, e.name_zh AS funder_name_zh, fu.is_lead,
  f.amount, f.currency, f.amount_qualifier, f.amount_usd, f.date_start, f.date_end, f.date_text
FROM funding AS f
JOIN funders AS fu ON fu.funding_id = f.funding_id
JOIN entities AS e ON e.entity_id = fu.entity_id
LEFT JOIN entities AS r ON r.entity_id = f.recipient_id
ORDER BY f.funding_id, fu.entity_id
