-- grain: one row per (event, entity, role), once however many sources report it
-- schema: schemas/tables/event_participants.schema.json
SELECT DISTINCT * EXCLUDE (_source_id)
FROM staged_event_participants
