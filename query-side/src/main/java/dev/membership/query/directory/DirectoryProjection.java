package dev.membership.query.directory;

import dev.membership.api.directory.DirectoryGroupList;
import dev.membership.api.directory.DirectoryGroupProvisionedEvent;
import dev.membership.api.directory.DirectoryGroupView;
import dev.membership.api.directory.DirectoryPeople;
import dev.membership.api.directory.DirectoryPerson;
import dev.membership.api.directory.FindDirectoryGroupQuery;
import dev.membership.api.directory.FindDirectoryGroupsQuery;
import dev.membership.api.directory.FindDirectoryPeopleQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read model of directory groups and their people ({@code read.directory_group_v1}, {@code read.directory_member_v1}). */
@Component
@ProcessingGroup("directory")
class DirectoryProjection {

    private final JdbcClient jdbc;

    DirectoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DirectoryGroupProvisionedEvent event) {
        jdbc.sql("""
                        INSERT INTO read.directory_group_v1 (directory_group_id, name, federated) VALUES (:id, :name, :federated)
                        ON CONFLICT (directory_group_id) DO UPDATE SET name = EXCLUDED.name, federated = EXCLUDED.federated""")
                .param("id", event.directoryGroupId()).param("name", event.name()).param("federated", event.federated())
                .update();
        jdbc.sql("DELETE FROM read.directory_member_v1 WHERE directory_group_id = :id").param("id", event.directoryGroupId()).update();
        for (int i = 0; i < event.members().size(); i++) {
            DirectoryPerson person = event.members().get(i);
            jdbc.sql("""
                            INSERT INTO read.directory_member_v1 (directory_group_id, email, full_name, position)
                            VALUES (:id, :email, :name, :position) ON CONFLICT DO NOTHING""")
                    .param("id", event.directoryGroupId()).param("email", person.email())
                    .param("name", person.fullName()).param("position", i).update();
        }
    }

    /** Every directory group, without its people: the list only names them, and their people may be many. */
    @QueryHandler
    DirectoryGroupList handle(FindDirectoryGroupsQuery query) {
        return new DirectoryGroupList(List.copyOf(groups(null).values()));
    }

    @QueryHandler
    Optional<DirectoryGroupView> handle(FindDirectoryGroupQuery query) {
        return read(query.directoryGroupId()).stream().findFirst();
    }

    @QueryHandler
    DirectoryPeople handle(FindDirectoryPeopleQuery query) {
        String pattern = query.wildcard()
                ? query.pattern().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%')
                : query.pattern().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        List<DirectoryPerson> people = jdbc.sql("""
                        SELECT DISTINCT ON (lower(email)) email, full_name FROM read.directory_member_v1
                        WHERE lower(email) LIKE lower(:pattern)
                        ORDER BY lower(email), full_name NULLS LAST
                        LIMIT 1000""")
                .param("pattern", pattern)
                .query((rs, row) -> new DirectoryPerson(rs.getString("email"), rs.getString("full_name")))
                .list();
        return new DirectoryPeople(people);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM read.directory_group_v1").update();
        jdbc.sql("DELETE FROM read.directory_member_v1").update();
    }

    private List<DirectoryGroupView> read(String onlyId) {
        Map<String, DirectoryGroupView> groups = groups(onlyId);
        if (groups.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                        SELECT directory_group_id, email, full_name FROM read.directory_member_v1
                        WHERE directory_group_id = ANY (:ids) ORDER BY directory_group_id, position""")
                .param("ids", groups.keySet().toArray(String[]::new))
                .query((rs, row) -> {
                    groups.get(rs.getString("directory_group_id")).members()
                            .add(new DirectoryPerson(rs.getString("email"), rs.getString("full_name")));
                    return null;
                })
                .list();
        return List.copyOf(groups.values());
    }

    /** The groups by id, each with an empty list for its people. */
    private Map<String, DirectoryGroupView> groups(String onlyId) {
        Map<String, DirectoryGroupView> groups = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT directory_group_id, name, federated FROM read.directory_group_v1
                        WHERE CAST(:only AS text) IS NULL OR directory_group_id = :only
                        ORDER BY directory_group_id""")
                .param("only", onlyId, java.sql.Types.VARCHAR)
                .query((rs, row) -> new DirectoryGroupView(rs.getString("directory_group_id"), rs.getString("name"),
                        rs.getBoolean("federated"), new ArrayList<>()))
                .list()
                .forEach(group -> groups.put(group.id(), group));
        return groups;
    }
}
