-- The member lists in joining order read a page's ids from this index alone, then only that page's rows. It replaces
-- an index that carried every listed column: walking its wide entries made a deep offset cost about seven times
-- more, and every update of a listed column (roles, names) had to rewrite it.
CREATE INDEX member_v1_status_order_ix ON read.member_v1 (organization_id, status, ordinal, membership_id)
    INCLUDE (expires_at);
DROP INDEX read.member_v1_page_ix;
