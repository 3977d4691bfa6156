-- The audit log and event feed: one row per event, keyed by its global position in the event store.
CREATE TABLE read.audit_v1 (
    position        BIGINT PRIMARY KEY,
    event_id        TEXT        NOT NULL,
    type            TEXT        NOT NULL,
    revision        TEXT,
    occurred_at     TIMESTAMPTZ NOT NULL,
    organization_id UUID,
    aggregate_id    TEXT,
    actor_subject   TEXT,
    actor_email     TEXT,
    subject_ids     UUID[]      NOT NULL,
    payload         JSONB       NOT NULL,
    metadata        JSONB       NOT NULL
);
CREATE INDEX audit_v1_organization_ix ON read.audit_v1 (organization_id, position);
CREATE INDEX audit_v1_subjects_ix ON read.audit_v1 USING gin (subject_ids);

-- The highest position below which every event is in the audit log: readers never go past it.
CREATE TABLE read.audit_watermark_v1 (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    position BIGINT NOT NULL
);
INSERT INTO read.audit_watermark_v1 (id, position) VALUES (1, 0);
