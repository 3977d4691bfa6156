-- When each event row was stored, by the database's clock. The audit log judges whether a gap in the global
-- positions can still fill by the time the event after it was stored, not by the event's own time (set by a node's
-- clock when the command was handled). Rows stored before this column existed have none and count as long stored.
-- Added without a default first, then given one, so that existing rows are not rewritten.
ALTER TABLE domain_event_entry ADD COLUMN stored_at TIMESTAMPTZ;
ALTER TABLE domain_event_entry ALTER COLUMN stored_at SET DEFAULT clock_timestamp();
