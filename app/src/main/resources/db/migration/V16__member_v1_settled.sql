-- V15 rewrote read.member_v1 (its new stored column), which leaves no page marked all-visible: index-only scans then
-- visit the table for every entry, and autovacuum, which a rewrite does not wake (it leaves no dead rows), may not
-- come for a long time. Vacuum it now; Flyway runs this outside a transaction. Should it fail (a statement_timeout on
-- the role shorter than the vacuum, say), Flyway records the failure and refuses to start until `flyway repair`.
VACUUM (ANALYZE) read.member_v1;
