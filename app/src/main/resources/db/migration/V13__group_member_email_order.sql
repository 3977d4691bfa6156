-- A group's members in email order (Cloudflare's group members) come from this table alone: each row keeps its
-- member's email in lower case, which never changes for a membership, so a page walks a narrow index instead of
-- joining every member of the group to the member list and sorting them.
ALTER TABLE read.group_member_v1 ADD COLUMN email_key TEXT;
UPDATE read.group_member_v1 gm SET email_key = lower(m.email)
FROM read.member_v1 m
WHERE m.organization_id = gm.organization_id AND m.membership_id = gm.membership_id;
CREATE INDEX group_member_v1_email_ix ON read.group_member_v1 (group_id, email_key, membership_id)
    INCLUDE (organization_id);
