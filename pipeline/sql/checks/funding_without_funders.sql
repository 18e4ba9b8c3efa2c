-- fails: a funding row that says its funders are complete, yet no funders row names it (a round
-- whose investors the text does not name has funders_complete = false; a recipient is required by the schema)
-- returns: the funding row
SELECT funding_id AS record_id FROM funding
WHERE funders_complete AND funding_id NOT IN (SELECT funding_id FROM funders)
