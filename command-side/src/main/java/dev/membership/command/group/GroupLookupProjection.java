package dev.membership.command.group;

import dev.membership.api.group.GroupCreatedEvent;
import dev.membership.api.group.GroupDeletedEvent;
import dev.membership.api.group.GroupDirectoryLinksReplacedEvent;
import dev.membership.api.group.GroupMemberRemovedEvent;
import dev.membership.api.group.GroupMembersReplacedEvent;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the command side's group look-ups in step with the group events: which groups each membership is in
 * ({@code lookup.group_member_v1}) and which groups link to each directory group ({@code lookup.directory_link_v1}).
 */
@Component
@ProcessingGroup("group-lookup")
class GroupLookupProjection {

    private final JdbcClient jdbc;

    GroupLookupProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(GroupCreatedEvent event) {
        jdbc.sql("""
                        INSERT INTO lookup.group_v1 (group_id, organization_id) VALUES (:id, :org)
                        ON CONFLICT (group_id) DO NOTHING""")
                .param("id", event.groupId()).param("org", event.organizationId()).update();
    }

    @EventHandler
    void on(GroupMembersReplacedEvent event) {
        for (UUID membershipId : event.addedMembershipIds()) {
            jdbc.sql("""
                            INSERT INTO lookup.group_member_v1 (group_id, membership_id) VALUES (:group, :membership)
                            ON CONFLICT DO NOTHING""")
                    .param("group", event.groupId()).param("membership", membershipId).update();
        }
        if (!event.removedMembershipIds().isEmpty()) {
            jdbc.sql("DELETE FROM lookup.group_member_v1 WHERE group_id = :group AND membership_id = ANY (:ids)")
                    .param("group", event.groupId())
                    .param("ids", event.removedMembershipIds().toArray(UUID[]::new))
                    .update();
        }
    }

    @EventHandler
    void on(GroupMemberRemovedEvent event) {
        jdbc.sql("DELETE FROM lookup.group_member_v1 WHERE group_id = :group AND membership_id = :membership")
                .param("group", event.groupId()).param("membership", event.membershipId()).update();
    }

    @EventHandler
    void on(GroupDirectoryLinksReplacedEvent event) {
        jdbc.sql("DELETE FROM lookup.directory_link_v1 WHERE group_id = :group").param("group", event.groupId()).update();
        for (int i = 0; i < event.directoryGroupIds().size(); i++) {
            jdbc.sql("""
                            INSERT INTO lookup.directory_link_v1 (directory_group_id, group_id, organization_id, position)
                            VALUES (:directory, :group, :org, :position) ON CONFLICT DO NOTHING""")
                    .param("directory", event.directoryGroupIds().get(i)).param("group", event.groupId())
                    .param("org", event.organizationId()).param("position", i).update();
        }
    }

    @EventHandler
    void on(GroupDeletedEvent event) {
        jdbc.sql("DELETE FROM lookup.group_member_v1 WHERE group_id = :id").param("id", event.groupId()).update();
        jdbc.sql("DELETE FROM lookup.directory_link_v1 WHERE group_id = :id").param("id", event.groupId()).update();
        jdbc.sql("DELETE FROM lookup.group_v1 WHERE group_id = :id").param("id", event.groupId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM lookup.group_v1").update();
        jdbc.sql("DELETE FROM lookup.group_member_v1").update();
        jdbc.sql("DELETE FROM lookup.directory_link_v1").update();
    }
}
