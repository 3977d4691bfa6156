-- A pending invitation's period carries its expiry, so an "as of" view past it no longer lists the invitation as pending
-- even when its expiry was recorded later (the sweep runs every few seconds, and not at all while no node runs).
-- Open invitations take theirs from the members' read model; invitations that ended before this version keep none (their
-- period ends when their end was recorded, as before) until the membership-history read model is rebuilt.
--
-- Adding the column takes the table's exclusive lock, held until the backfill is done (it reads the table once):
-- "as of" views and the writes of membership-history wait meanwhile. Rather than queue behind a long reader (and hold
-- those writes up behind it), the migration gives up after waiting 30 s for the lock, and the node's start fails with
-- the reason; start it again later.
SET LOCAL lock_timeout = '30s';
ALTER TABLE read.membership_period_v1 ADD COLUMN expires_at TIMESTAMPTZ;

UPDATE read.membership_period_v1 p
SET expires_at = m.expires_at
FROM read.member_v1 m
WHERE p.status = 'pending' AND p.valid_to IS NULL
  AND m.organization_id = p.organization_id AND m.membership_id = p.membership_id AND m.status = 'pending';
