-- The command side's set-based look-up: people by normalized email.
CREATE SCHEMA IF NOT EXISTS lookup;

CREATE TABLE lookup.person_v1 (
    email     TEXT PRIMARY KEY,
    user_id   UUID    NOT NULL UNIQUE,
    full_name TEXT,
    known     BOOLEAN NOT NULL DEFAULT false
);
