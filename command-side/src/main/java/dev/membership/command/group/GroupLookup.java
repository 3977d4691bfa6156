package dev.membership.command.group;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of the command side's group look-ups. */
@Component
class GroupLookup {

    private final JdbcClient jdbc;

    GroupLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UUID> groupsOf(UUID membershipId) {
        return jdbc.sql("SELECT group_id FROM lookup.group_member_v1 WHERE membership_id = :id ORDER BY group_id")
                .param("id", membershipId).query(UUID.class).list();
    }

    record Link(UUID groupId, UUID organizationId) {
    }

    List<Link> groupsLinkedTo(String directoryGroupId) {
        return jdbc.sql("""
                        SELECT group_id, organization_id FROM lookup.directory_link_v1
                        WHERE directory_group_id = :id ORDER BY group_id""")
                .param("id", directoryGroupId)
                .query((rs, row) -> new Link(rs.getObject("group_id", UUID.class), rs.getObject("organization_id", UUID.class)))
                .list();
    }
}
