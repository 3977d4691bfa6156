-- V15 rewrote read.member_v1 (its new stored column), which leaves no page marked all-visible, and index-only scans
-- then visit the table for every entry until the table is next vacuumed. Vacuum it now, outside a transaction.
VACUUM (ANALYZE) read.member_v1;
