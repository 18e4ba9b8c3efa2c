-- fails: a funding row that no funders row names (a row without a recipient never gets here: its schema requires one)
-- returns: the funding row
SELECT funding_id AS record_id FROM funding
WHERE funding_id NOT IN (SELECT funding_id FROM funders)
