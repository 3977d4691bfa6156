-- Member lists ordered by email (Cloudflare's account members by default, and the native list's sort=email) read
-- the organization's rows in this order instead of sorting all of them for every page.
CREATE INDEX member_v1_email_order_ix ON read.member_v1 (organization_id, lower(email), membership_id);
