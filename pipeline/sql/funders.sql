-- grain: one row per (funding, funder): the funders of every report of the flow together; a lead in any report is a lead
-- schema: schemas/tables/funders.schema.json (a machine report of a reviewed flow adds no funder: _rank is null)
SELECT funding_id, entity_id, bool_or(is_lead) AS is_lead
FROM staged_funders
WHERE _rank IS NOT NULL
GROUP BY funding_id, entity_id
