-- The email-ordered member index also carries what the list filters on (status, expiry) and the email itself, so a
-- page's ids are read from the index alone, in order, however deep the page; only that page's rows are then read.
CREATE INDEX member_v1_email_cover_ix ON read.member_v1 (organization_id, lower(email), membership_id)
    INCLUDE (email, status, expires_at);
DROP INDEX read.member_v1_email_order_ix;
