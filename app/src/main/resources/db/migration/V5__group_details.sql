-- Group details the ONLYOFFICE and Cloudflare dialects show: manager, modification time, when members joined.
ALTER TABLE read.group_v1 ADD COLUMN manager_membership_id UUID;
ALTER TABLE read.group_v1 ADD COLUMN modified_at TIMESTAMPTZ;
UPDATE read.group_v1 SET modified_at = created_at;
ALTER TABLE read.group_v1 ALTER COLUMN modified_at SET NOT NULL;
CREATE INDEX group_v1_name_ix ON read.group_v1 (organization_id, lower(name));

ALTER TABLE read.group_member_v1 ADD COLUMN added_at TIMESTAMPTZ NOT NULL DEFAULT now();
