-- fails: an evidence row whose record does not exist in its table
-- returns: the orphan evidence row
SELECT evidence_id AS record_id, record_table, record_id AS missing_record FROM evidence
WHERE (record_table = 'events' AND record_id NOT IN (SELECT event_id FROM events))
   OR (record_table = 'funding' AND record_id NOT IN (SELECT funding_id FROM funding))
   OR (record_table = 'metrics' AND record_id NOT IN (SELECT metric_id FROM metrics))
