-- A list of account members reports how many it holds: the accepted members and the pending invitations that have not
-- run out. Both counts are kept on the organization's row; of the pending ones, the invitations whose time is up but
-- that the expiry sweep has not ended yet (seconds' worth, usually none) are taken off. This index finds those without
-- walking every pending invitation of the organization, which is what counting them took before: thousands of entries
-- per page in an organization with thousands of open invitations.
--
-- Its condition holds a clause that every stored invitation meets (a finite expiry) and that only that count states:
-- PostgreSQL uses a partial index only for a query whose clauses imply its condition, so the lists of invitations,
-- which filter on the expiry too, keep walking the indexes that give their order instead of sorting what this one finds.
--
-- Building it holds off writes to the table (not reads) for as long as it takes to read it, about 2 s for a million
-- memberships; it gives up after waiting 30 s for its lock, and the node's start fails until it is tried again.
SET LOCAL lock_timeout = '30s';
CREATE INDEX member_v1_pending_due_ix ON read.member_v1 (organization_id, expires_at)
    WHERE status = 'pending' AND expires_at < 'infinity';
