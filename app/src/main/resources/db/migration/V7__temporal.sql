-- Temporal read tables: validity ranges [valid_from, valid_to) from event times, so "as of" is an index look-up.
CREATE TABLE read.membership_period_v1 (
    organization_id UUID        NOT NULL,
    membership_id   UUID        NOT NULL,
    user_id         UUID        NOT NULL,
    email           TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    valid_from      TIMESTAMPTZ NOT NULL,
    valid_to        TIMESTAMPTZ,
    PRIMARY KEY (membership_id, status, valid_from)
);
CREATE INDEX membership_period_v1_asof_ix ON read.membership_period_v1 (organization_id, valid_from);

CREATE TABLE read.role_period_v1 (
    organization_id UUID        NOT NULL,
    membership_id   UUID        NOT NULL,
    role_id         UUID        NOT NULL,
    valid_from      TIMESTAMPTZ NOT NULL,
    valid_to        TIMESTAMPTZ,
    PRIMARY KEY (membership_id, role_id, valid_from)
);
CREATE INDEX role_period_v1_asof_ix ON read.role_period_v1 (organization_id, valid_from);

CREATE TABLE read.group_member_period_v1 (
    group_id        UUID        NOT NULL,
    organization_id UUID        NOT NULL,
    membership_id   UUID        NOT NULL,
    valid_from      TIMESTAMPTZ NOT NULL,
    valid_to        TIMESTAMPTZ,
    PRIMARY KEY (group_id, membership_id, valid_from)
);
CREATE INDEX group_member_period_v1_asof_ix ON read.group_member_period_v1 (group_id, valid_from);

CREATE TABLE read.group_period_v1 (
    group_id        UUID PRIMARY KEY,
    organization_id UUID        NOT NULL,
    valid_from      TIMESTAMPTZ NOT NULL,
    valid_to        TIMESTAMPTZ
);
