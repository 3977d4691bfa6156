-- Read models, projected from the events. Each table carries a version suffix that changes with its shape.
CREATE SCHEMA IF NOT EXISTS read;

CREATE TABLE read.organization_v1 (
    organization_id  UUID PRIMARY KEY,
    name             TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    member_count     BIGINT      NOT NULL DEFAULT 0,
    invitation_count BIGINT      NOT NULL DEFAULT 0,
    last_sequence    BIGINT      NOT NULL
);

CREATE TABLE read.role_v1 (
    organization_id UUID    NOT NULL,
    role_id         UUID    NOT NULL,
    role_key        TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    permissions     TEXT[]  NOT NULL,
    rank            INTEGER NOT NULL,
    PRIMARY KEY (organization_id, role_id)
);

-- One row per membership, pending (an invitation) or accepted (a member).
CREATE TABLE read.member_v1 (
    organization_id  UUID        NOT NULL,
    membership_id    UUID        NOT NULL,
    user_id          UUID        NOT NULL,
    email            TEXT        NOT NULL,
    full_name        TEXT,
    status           TEXT        NOT NULL,
    role_ids         UUID[]      NOT NULL,
    invited_by_email TEXT,
    invited_at       TIMESTAMPTZ,
    expires_at       TIMESTAMPTZ,
    joined_at        TIMESTAMPTZ,
    ordinal          BIGINT      NOT NULL,
    last_sequence    BIGINT      NOT NULL,
    PRIMARY KEY (organization_id, membership_id)
);
CREATE UNIQUE INDEX member_v1_email_uk ON read.member_v1 (organization_id, email);
-- Pages by status in joining order; INCLUDE makes the list queries index-only.
CREATE INDEX member_v1_page_ix ON read.member_v1 (organization_id, status, ordinal, membership_id)
    INCLUDE (user_id, email, full_name, role_ids, joined_at, invited_by_email, invited_at, expires_at);
