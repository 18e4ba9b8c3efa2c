-- grain: one row per (event_id, entity_id, role), with published_year: its event's (first_reported.sql), so an event and its participants share a folder
-- partition of: event_participants (schemas/tables/event_participants.schema.json)
SELECT event_participants.*, f.published_year
FROM event_participants
LEFT JOIN first_reported f ON f.record_table = 'events' AND f.record_id = event_participants.event_id
