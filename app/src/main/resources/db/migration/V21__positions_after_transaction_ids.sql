-- A gap in the global positions is dead once the transaction that took it has ended without storing its event. To
-- tell that without waiting out the grace, two facts are kept:
--  1. A position is taken only by a transaction that already has its transaction id: the column's default asks for
--     the id (pg_current_xact_id assigns one if need be) before it takes the next value. (As an identity column, the
--     value was taken before the row, and so the id, existed.)
--  2. Each audit row records the next transaction id to be assigned when it was logged (logged_xmax). The row of the
--     event after a gap is logged after that event committed, so the gap's taker has an id below that row's
--     logged_xmax: once no transaction with an id below it is running, the taker has ended, and if the gap's
--     position holds no event by then, it never will.
-- Existing audit rows keep no logged_xmax (added without a default first, so they are not rewritten); gaps before
-- them are judged by the grace alone, as before.
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

ALTER TABLE read.audit_v1 ADD COLUMN logged_xmax xid8;
ALTER TABLE read.audit_v1 ALTER COLUMN logged_xmax SET DEFAULT pg_snapshot_xmax(pg_current_snapshot());
