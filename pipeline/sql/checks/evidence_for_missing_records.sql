-- fails: an evidence row whose record does not exist in its table
-- returns: the orphan evidence row
-- scope: scoped_evidence, the rows loaded in this build and those of the records in scope (05-model.ts scopeChecks), against the
-- merged tables whole
SELECT evidence_id AS record_id, record_table, record_id AS missing_record FROM scoped_evidence
WHERE (record_table = 'events' AND record_id NOT IN (SELECT event_id FROM events))
   OR (record_table = 'funding' AND record_id NOT IN (SELECT funding_id FROM funding))
   OR (record_table = 'metrics' AND record_id NOT IN (SELECT metric_id FROM metrics))
