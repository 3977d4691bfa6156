-- Responses remembered per caller and Idempotency-Key, so a retried write answers the first response again.
CREATE TABLE idempotency_key_v1 (
    principal     TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    status        INTEGER,
    content_type  TEXT,
    location      TEXT,
    body          BYTEA,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_key_v1_created_ix ON idempotency_key_v1 (created_at);
