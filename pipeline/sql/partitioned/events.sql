-- grain: one row per event (event_id), with published_year: the year of the earliest dated source that reports it (first_reported.sql)
-- partition of: events (schemas/tables/events.schema.json)
SELECT events.*, f.published_year
FROM events
LEFT JOIN first_reported f ON f.record_table = 'events' AND f.record_id = events.event_id
