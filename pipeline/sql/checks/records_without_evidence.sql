-- fails: an event, funding or metric row with no evidence row
-- returns: the record without evidence
SELECT 'events' AS record_table, event_id AS record_id FROM events
WHERE event_id NOT IN (SELECT record_id FROM evidence WHERE record_table = 'events')
UNION ALL
SELECT 'funding', funding_id FROM funding
WHERE funding_id NOT IN (SELECT record_id FROM evidence WHERE record_table = 'funding')
UNION ALL
SELECT 'metrics', metric_id FROM metrics
WHERE metric_id NOT IN (SELECT record_id FROM evidence WHERE record_table = 'metrics')
