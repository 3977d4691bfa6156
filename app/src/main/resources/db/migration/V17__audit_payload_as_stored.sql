-- An audit entry answers its event's payload as the event store keeps it. Held as jsonb, PostgreSQL parsed it on every
-- insert and gave it back with its keys reordered and spaced out; json keeps the text as it came, and costs less to
-- insert and to read out whole. Nothing queries inside a payload. The metadata stays jsonb: its fields are read one by
-- one.
--
-- Changing the type rewrites the table and its indexes under an exclusive lock. Entries already logged keep the text
-- PostgreSQL gives back (reordered); rebuilding the audit read model restores their stored form. Rather than queue
-- behind a long reader of the log (an export) and hold the audit log's writer up behind it, the migration gives up
-- after 30 s, and the service's start fails with the reason; start it again later.
SET LOCAL lock_timeout = '30s';
ALTER TABLE read.audit_v1 ALTER COLUMN payload TYPE json USING payload::json;
