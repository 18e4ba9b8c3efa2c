-- grain: one row per (event, entity, role), once however many sources report it
-- schema: schemas/tables/event_participants.schema.json (a machine report of a reviewed event adds no participant: _rank is null)
SELECT DISTINCT event_id, entity_id, role
FROM staged_event_participants
WHERE _rank IS NOT NULL
