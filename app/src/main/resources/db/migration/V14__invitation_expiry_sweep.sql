-- Invitations expire through a sweep of those that are due (InvitationExpirySweeper) instead of a persistent
-- deadline each: the command-side look-up keeps each pending invitation's expiry, indexed for the sweep.
ALTER TABLE lookup.membership_v1 ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
UPDATE lookup.membership_v1 l SET expires_at = m.expires_at
FROM read.member_v1 m
WHERE m.organization_id = l.organization_id AND m.membership_id = l.membership_id AND l.status = 'pending';
CREATE INDEX membership_v1_due_ix ON lookup.membership_v1 (expires_at) WHERE status = 'pending';

-- the deadlines' table: the sweep finds every pending invitation by its expiry, those scheduled before included
DROP TABLE scheduled_tasks;
