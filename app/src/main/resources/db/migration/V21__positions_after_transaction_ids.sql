-- A position in the event store is taken only by a transaction that already has its transaction id: the column's
-- default asks for the id (pg_current_xact_id assigns one if need be) before it takes the next value. (As an
-- identity column, the value was taken before the row, and so the id, existed.) The audit watermark's sweep then
-- tells a dead gap from a live one without waiting out the grace: once every transaction with an id below one taken
-- after the event following the gap was committed has ended, the gap's taker has ended too.
LOCK TABLE domain_event_entry IN ACCESS EXCLUSIVE MODE; -- nodes not yet upgraded take no position meanwhile

DO $$
DECLARE
    identity_sequence TEXT := pg_get_serial_sequence('domain_event_entry', 'global_index');
    taken BIGINT;
    called BOOLEAN;
BEGIN
    EXECUTE format('SELECT last_value, is_called FROM %s', identity_sequence) INTO taken, called;
    ALTER TABLE domain_event_entry ALTER COLUMN global_index DROP IDENTITY;
    CREATE SEQUENCE domain_event_entry_global_index_seq AS BIGINT CACHE 1 OWNED BY domain_event_entry.global_index;
    PERFORM setval('domain_event_entry_global_index_seq', taken, called);
END $$;

CREATE FUNCTION next_event_position() RETURNS BIGINT LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_current_xact_id();
    RETURN nextval('domain_event_entry_global_index_seq'::regclass);
END $$;

ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT next_event_position();
