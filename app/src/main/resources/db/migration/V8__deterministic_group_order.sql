-- Group lists order by creation time and members by the time they joined: values a replay reproduces exactly,
-- unlike sequence numbers.
DROP INDEX read.group_v1_organization_ix;
ALTER TABLE read.group_v1 DROP COLUMN ordinal;
CREATE INDEX group_v1_organization_ix ON read.group_v1 (organization_id, created_at, group_id);
DROP INDEX read.group_member_v1_page_ix;
ALTER TABLE read.group_member_v1 DROP COLUMN ordinal;
CREATE INDEX group_member_v1_page_ix ON read.group_member_v1 (group_id, added_at, membership_id);
