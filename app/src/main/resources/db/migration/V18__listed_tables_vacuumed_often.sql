-- Pages of members and of a group's members walk an index alone (an index-only scan), which reads a table row only
-- where the row's page is not marked all-visible; a page loses that mark whenever a row on it is inserted, updated or
-- deleted, and regains it only when the table is vacuumed. With PostgreSQL's defaults a table is vacuumed after a fifth
-- of its rows changed: in a table of a million memberships, 200,000 writes, so a deep page could read thousands of
-- rows from the table for a long time after a burst of invitations. These tables are vacuumed after one hundredth
-- instead; each such vacuum skips the pages already all-visible, so it costs about what the writes since the last one
-- touched. Setting these takes a lock that neither reads nor writes wait for.
ALTER TABLE read.member_v1 SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
ALTER TABLE read.group_member_v1 SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
