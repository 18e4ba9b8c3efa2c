-- fails: an event, funding or metric row with no evidence row
-- returns: the record without evidence
-- scope: the merged rows this build computed (new_events, new_funding, new_metrics; 05-model.ts scopeChecks) against all the
-- evidence: a record out of scope kept its evidence (a source's evidence is of its own records, and a record of a source
-- loaded or re-matched puts its merged id, before and after, in scope)
SELECT 'events' AS record_table, event_id AS record_id FROM new_events
WHERE event_id NOT IN (SELECT record_id FROM evidence WHERE record_table = 'events')
UNION ALL
SELECT 'funding', funding_id FROM new_funding
WHERE funding_id NOT IN (SELECT record_id FROM evidence WHERE record_table = 'funding')
UNION ALL
SELECT 'metrics', metric_id FROM new_metrics
WHERE metric_id NOT IN (SELECT record_id FROM evidence WHERE record_table = 'metrics')
