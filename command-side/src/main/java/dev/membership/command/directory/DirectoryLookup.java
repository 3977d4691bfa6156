package dev.membership.command.directory;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The command side's copy of directory groups and their people ({@code lookup.directory_member_v1}). */
@Component
public class DirectoryLookup {

    private final JdbcClient jdbc;

    DirectoryLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Those of the given directory group ids that were never provisioned. The others are locked for share until the
     * transaction ends: a provisioning of one of them under way is waited for (its members are then read as it left
     * them), and one that starts later waits for this transaction, whose links it then sees.
     */
    public List<String> unknown(Collection<String> directoryGroupIds) {
        if (directoryGroupIds.isEmpty()) {
            return List.of();
        }
        List<String> known = jdbc.sql("""
                        SELECT directory_group_id FROM lookup.directory_group_v1 WHERE directory_group_id = ANY (:ids)
                        ORDER BY directory_group_id FOR SHARE""")
                .param("ids", directoryGroupIds.toArray(String[]::new)).query(String.class).list();
        return directoryGroupIds.stream().filter(id -> !known.contains(id)).toList();
    }

    /** The distinct emails of the people in the given directory groups, in group then listing order. */
    public List<String> emailsOf(List<String> directoryGroupIds) {
        if (directoryGroupIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT m.email FROM lookup.directory_member_v1 m
                        JOIN unnest(CAST(:ids AS text[])) WITH ORDINALITY AS g(id, n) ON g.id = m.directory_group_id
                        ORDER BY g.n, m.position""")
                .param("ids", directoryGroupIds.toArray(String[]::new))
                .query(String.class).list().stream().distinct().toList();
    }
}
