package dev.membership.command.directory;

import dev.membership.api.directory.DirectoryGroupProvisionedEvent;
import dev.membership.api.directory.DirectoryPerson;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps the command side's directory look-up in step with provisioning, in the command's transaction. It runs
 * first in its processing group, so policies after it see the new members.
 */
@Component
@ProcessingGroup(DirectoryLookupProjection.PROCESSING_GROUP)
@Order(1)
public class DirectoryLookupProjection {

    public static final String PROCESSING_GROUP = "directory-lookup";

    private final JdbcClient jdbc;

    DirectoryLookupProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DirectoryGroupProvisionedEvent event) {
        jdbc.sql("""
                        INSERT INTO lookup.directory_group_v1 (directory_group_id) VALUES (:id)
                        ON CONFLICT DO NOTHING""")
                .param("id", event.directoryGroupId()).update();
        // the group's row is locked until the provisioning commits, before the policy reads the links to it: a link
        // made meanwhile, which shares that lock as it reads the members, waits for the new members, or is waited for
        // and then seen, so its group follows. (A query: batched writes wait, and would take the lock too late.)
        jdbc.sql("SELECT directory_group_id FROM lookup.directory_group_v1 WHERE directory_group_id = :id FOR UPDATE")
                .param("id", event.directoryGroupId()).query(String.class).list();
        jdbc.sql("DELETE FROM lookup.directory_member_v1 WHERE directory_group_id = :id")
                .param("id", event.directoryGroupId()).update();
        List<DirectoryPerson> members = event.members();
        for (int i = 0; i < members.size(); i++) {
            jdbc.sql("""
                            INSERT INTO lookup.directory_member_v1 (directory_group_id, email, position)
                            VALUES (:id, :email, :position) ON CONFLICT DO NOTHING""")
                    .param("id", event.directoryGroupId())
                    .param("email", members.get(i).email())
                    .param("position", i)
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM lookup.directory_group_v1").update();
        jdbc.sql("DELETE FROM lookup.directory_member_v1").update();
    }
}
