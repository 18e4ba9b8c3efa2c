-- grain: one row per (record, source span) (evidence_id); every row belongs to the source it quotes
-- schema: schemas/tables/evidence.schema.json
SELECT * EXCLUDE (_source_id)
FROM staged_evidence
