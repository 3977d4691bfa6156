package dev.membership.query.group;

import dev.membership.api.group.GroupCreatedEvent;
import dev.membership.api.group.GroupMemberView;
import dev.membership.api.group.GroupView;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code read.group_v1} and {@code read.group_member_v1} tables; members are joined with the member list. */
@Repository
class GroupRepository {

    private final JdbcClient jdbc;

    GroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(GroupCreatedEvent event, long sequence) {
        jdbc.sql("""
                        INSERT INTO read.group_v1 (group_id, organization_id, name, description, created_at, last_sequence)
                        VALUES (:id, :org, :name, :description, :createdAt, :seq)
                        ON CONFLICT (group_id) DO NOTHING""")
                .param("id", event.groupId())
                .param("org", event.organizationId())
                .param("name", event.name())
                .param("description", event.description() == null ? "" : event.description())
                .param("createdAt", Timestamp.from(event.createdAt()))
                .param("seq", sequence)
                .update();
    }

    void replaceLinks(UUID groupId, List<String> directoryGroupIds, long sequence) {
        jdbc.sql("""
                        UPDATE read.group_v1 SET directory_group_ids = :ids, last_sequence = :seq
                        WHERE group_id = :id AND last_sequence < :seq""")
                .param("ids", directoryGroupIds.toArray(String[]::new))
                .param("seq", sequence)
                .param("id", groupId)
                .update();
    }

    void addMembers(UUID groupId, UUID organizationId, List<UUID> membershipIds) {
        for (UUID membershipId : membershipIds) {
            jdbc.sql("""
                            INSERT INTO read.group_member_v1 (group_id, membership_id, organization_id)
                            VALUES (:group, :membership, :org) ON CONFLICT DO NOTHING""")
                    .param("group", groupId).param("membership", membershipId).param("org", organizationId).update();
        }
        refreshCount(groupId);
    }

    void removeMembers(UUID groupId, List<UUID> membershipIds) {
        if (membershipIds.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM read.group_member_v1 WHERE group_id = :group AND membership_id = ANY (:ids)")
                .param("group", groupId).param("ids", membershipIds.toArray(UUID[]::new)).update();
        refreshCount(groupId);
    }

    List<GroupView> all(UUID organizationId) {
        return read(organizationId, null);
    }

    Optional<GroupView> one(UUID organizationId, UUID groupId) {
        return read(organizationId, groupId).stream().findFirst();
    }

    void deleteAll() {
        jdbc.sql("TRUNCATE read.group_v1, read.group_member_v1").update();
    }

    private void refreshCount(UUID groupId) {
        jdbc.sql("""
                        UPDATE read.group_v1 SET member_count = (SELECT count(*) FROM read.group_member_v1 WHERE group_id = :id)
                        WHERE group_id = :id""")
                .param("id", groupId).update();
    }

    private List<GroupView> read(UUID organizationId, UUID onlyGroupId) {
        Map<UUID, GroupView> groups = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT group_id, name, description, directory_group_ids, created_at FROM read.group_v1
                        WHERE organization_id = :org AND (CAST(:only AS uuid) IS NULL OR group_id = :only)
                        ORDER BY ordinal""")
                .param("org", organizationId)
                .param("only", onlyGroupId, java.sql.Types.OTHER)
                .query((rs, row) -> new GroupView(rs.getObject("group_id", UUID.class), organizationId, rs.getString("name"),
                        rs.getString("description"), Arrays.asList((String[]) rs.getArray("directory_group_ids").getArray()),
                        new ArrayList<>(), rs.getTimestamp("created_at").toInstant()))
                .list()
                .forEach(group -> groups.put(group.id(), group));
        if (groups.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                        SELECT gm.group_id, m.membership_id, m.user_id, m.email, m.full_name, m.status
                        FROM read.group_member_v1 gm
                        JOIN read.member_v1 m ON m.organization_id = gm.organization_id AND m.membership_id = gm.membership_id
                        WHERE gm.group_id = ANY (:ids)
                        ORDER BY gm.group_id, gm.ordinal""")
                .param("ids", groups.keySet().toArray(UUID[]::new))
                .query((rs, row) -> {
                    groups.get(rs.getObject("group_id", UUID.class)).members().add(new GroupMemberView(
                            rs.getObject("membership_id", UUID.class), rs.getObject("user_id", UUID.class),
                            rs.getString("email"), rs.getString("full_name"), rs.getString("status")));
                    return null;
                })
                .list();
        return List.copyOf(groups.values());
    }
}
