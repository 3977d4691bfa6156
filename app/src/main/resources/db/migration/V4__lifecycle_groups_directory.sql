-- Command-side look-ups for checks that span aggregates.
CREATE TABLE lookup.membership_v1 (
    membership_id   UUID PRIMARY KEY,
    organization_id UUID NOT NULL,
    email           TEXT NOT NULL,
    status          TEXT NOT NULL
);
CREATE UNIQUE INDEX membership_v1_email_uk ON lookup.membership_v1 (organization_id, email);

CREATE TABLE lookup.group_v1 (
    group_id        UUID PRIMARY KEY,
    organization_id UUID NOT NULL
);

CREATE TABLE lookup.group_member_v1 (
    group_id      UUID NOT NULL,
    membership_id UUID NOT NULL,
    PRIMARY KEY (group_id, membership_id)
);
CREATE INDEX group_member_v1_membership_ix ON lookup.group_member_v1 (membership_id);

CREATE TABLE lookup.directory_group_v1 (
    directory_group_id TEXT PRIMARY KEY
);

CREATE TABLE lookup.directory_member_v1 (
    directory_group_id TEXT    NOT NULL,
    email              TEXT    NOT NULL,
    position           INTEGER NOT NULL,
    PRIMARY KEY (directory_group_id, email)
);

CREATE TABLE lookup.directory_link_v1 (
    directory_group_id TEXT    NOT NULL,
    group_id           UUID    NOT NULL,
    organization_id    UUID    NOT NULL,
    position           INTEGER NOT NULL,
    PRIMARY KEY (directory_group_id, group_id)
);
CREATE INDEX directory_link_v1_group_ix ON lookup.directory_link_v1 (group_id);

-- Read models of groups and directory groups.
CREATE TABLE read.group_v1 (
    group_id            UUID PRIMARY KEY,
    organization_id     UUID        NOT NULL,
    name                TEXT        NOT NULL,
    description         TEXT        NOT NULL,
    directory_group_ids TEXT[]      NOT NULL DEFAULT '{}',
    member_count        BIGINT      NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ NOT NULL,
    ordinal             BIGSERIAL,
    last_sequence       BIGINT      NOT NULL
);
CREATE INDEX group_v1_organization_ix ON read.group_v1 (organization_id, ordinal);

CREATE TABLE read.group_member_v1 (
    group_id        UUID   NOT NULL,
    membership_id   UUID   NOT NULL,
    organization_id UUID   NOT NULL,
    ordinal         BIGSERIAL,
    PRIMARY KEY (group_id, membership_id)
);
CREATE INDEX group_member_v1_page_ix ON read.group_member_v1 (group_id, ordinal) INCLUDE (membership_id);
CREATE INDEX group_member_v1_membership_ix ON read.group_member_v1 (membership_id);

CREATE TABLE read.directory_group_v1 (
    directory_group_id TEXT PRIMARY KEY,
    name               TEXT    NOT NULL,
    federated          BOOLEAN NOT NULL
);

CREATE TABLE read.directory_member_v1 (
    directory_group_id TEXT    NOT NULL,
    email              TEXT    NOT NULL,
    full_name          TEXT,
    position           INTEGER NOT NULL,
    PRIMARY KEY (directory_group_id, email)
);
CREATE INDEX directory_member_v1_email_ix ON read.directory_member_v1 (lower(email) text_pattern_ops);

-- Persistent deadlines (invitation expiry) through db-scheduler.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time_ix ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_ix ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time_ix ON scheduled_tasks (priority DESC, execution_time ASC);

-- Where each invitation was made, kept after it ends, to route acceptances.
CREATE TABLE read.invitation_route_v1 (
    invitation_id   UUID PRIMARY KEY,
    organization_id UUID NOT NULL
);
