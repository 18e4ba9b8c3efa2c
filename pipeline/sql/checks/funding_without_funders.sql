-- fails: a funding row that says its funders are complete, yet no funders row names it (a round
-- whose investors the text does not name has funders_complete = false; a recipient is required by the schema)
-- returns: the funding row
-- scope: new_funding, the rows this build computed (05-model.ts scopeChecks), against every funder: a flow kept kept its funders
SELECT funding_id AS record_id FROM new_funding
WHERE funders_complete AND funding_id NOT IN (SELECT funding_id FROM funders)
