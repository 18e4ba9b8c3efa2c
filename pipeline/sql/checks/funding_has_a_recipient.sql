-- fails: a funding row with no recipient, or with no funder although it says the funders are complete
-- returns: the funding row
SELECT funding_id AS record_id FROM funding
WHERE recipient_id IS NULL OR (funders_complete AND funding_id NOT IN (SELECT funding_id FROM funders))
