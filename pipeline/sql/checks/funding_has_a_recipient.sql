-- fails: a funding row with no recipient or no funder
-- returns: the funding row
SELECT funding_id AS record_id FROM funding
WHERE recipient_id IS NULL OR funding_id NOT IN (SELECT funding_id FROM funders)
