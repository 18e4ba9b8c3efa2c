-- grain: one row per (funding_id, entity_id), with published_year: its funding's (first_reported.sql), so a funding and its funders share a folder
-- partition of: funders (schemas/tables/funders.schema.json)
SELECT funders.*, f.published_year
FROM funders
LEFT JOIN first_reported f ON f.record_table = 'funding' AND f.record_id = funders.funding_id
