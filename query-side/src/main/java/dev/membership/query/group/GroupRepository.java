package dev.membership.query.group;

import dev.membership.api.group.FindGroupMembersQuery;
import dev.membership.api.group.FindGroupPageQuery;
import dev.membership.api.group.GroupCreatedEvent;
import dev.membership.api.group.GroupMemberPage;
import dev.membership.api.group.GroupMemberView;
import dev.membership.api.group.GroupPage;
import dev.membership.api.group.GroupView;
import dev.membership.api.group.MemberGroups;
import dev.membership.api.role.RoleCatalogue;
import dev.membership.api.role.RoleDefinition;
import dev.membership.query.PageWindow;
import dev.membership.query.role.RoleRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code read.group_v1} and {@code read.group_member_v1} tables; members are joined with the member list. */
@Repository
class GroupRepository {

    private static final String GROUP_COLUMNS = """
            g.group_id, g.name, g.description, g.directory_group_ids, g.manager_membership_id, g.member_count,
            g.created_at, g.modified_at""";
    private static final String MEMBER_COLUMNS = """
            gm.group_id, gm.added_at, m.membership_id, m.user_id, m.email, m.full_name, m.status,
            COALESCE(m.joined_at, m.invited_at) AS since,
            array_to_string(m.role_ids, ',') AS role_ids""";
    /**
     * Which of a group's members, how many and in what order: the group's member rows alone answer (their emails are
     * kept in lower case, V13), so a page walks one narrow index, however deep its offset. That the group is the
     * organization's is checked once, on the group's row, not on every member row walked; and only the filters asked
     * for are in the text (a generic plan would evaluate {@code :email IS NULL OR ...} for every entry it walks).
     */
    private static String memberFilter(boolean byEmail, boolean byMember) {
        return "FROM read.group_member_v1 gm WHERE gm.group_id = :group"
                + " AND EXISTS (SELECT 1 FROM read.group_v1 g WHERE g.group_id = :group AND g.organization_id = :org)"
                + (byEmail ? " AND gm.email_key LIKE lower(:email) ESCAPE '\\'" : "")
                + (byMember ? " AND gm.membership_id = ANY (:members)" : "");
    }

    /** The group's own count of its member rows, kept as members come and go. Takes {@code :group} and {@code :org}. */
    static final String KEPT_MEMBER_COUNT =
            "SELECT COALESCE(max(member_count), 0) FROM read.group_v1 WHERE group_id = :group AND organization_id = :org";

    private static final String MEMBER_JOIN = """
            FROM read.group_member_v1 gm
            JOIN read.member_v1 m ON m.organization_id = gm.organization_id AND m.membership_id = gm.membership_id""";

    private final JdbcClient jdbc;
    private final RoleRepository roles;

    GroupRepository(JdbcClient jdbc, RoleRepository roles) {
        this.jdbc = jdbc;
        this.roles = roles;
    }

    void create(GroupCreatedEvent event, long sequence) {
        jdbc.sql("""
                        INSERT INTO read.group_v1 (group_id, organization_id, name, description, created_at, modified_at,
                                                   last_sequence)
                        VALUES (:id, :org, :name, :description, :createdAt, :createdAt, :seq)
                        ON CONFLICT (group_id) DO NOTHING""")
                .param("id", event.groupId())
                .param("org", event.organizationId())
                .param("name", event.name())
                .param("description", event.description() == null ? "" : event.description())
                .param("createdAt", Timestamp.from(event.createdAt()))
                .param("seq", sequence)
                .update();
    }

    /**
     * A group's change: its time only moves forward (a command a policy sends takes its cause's time, which may be
     * before a change committed meanwhile), as the member changes' times do.
     */
    void update(UUID groupId, String name, String description, Instant at, long sequence) {
        jdbc.sql("""
                        UPDATE read.group_v1 SET name = :name, description = :description,
                            modified_at = GREATEST(modified_at, :at), last_sequence = :seq
                        WHERE group_id = :id AND last_sequence < :seq""")
                .param("name", name).param("description", description).param("at", stored(at))
                .param("seq", sequence).param("id", groupId)
                .update();
    }

    void setManager(UUID groupId, UUID managerMembershipId, Instant at, long sequence) {
        jdbc.sql("""
                        UPDATE read.group_v1 SET manager_membership_id = :manager, modified_at = GREATEST(modified_at, :at),
                            last_sequence = :seq
                        WHERE group_id = :id AND last_sequence < :seq""")
                .param("manager", managerMembershipId, Types.OTHER).param("at", stored(at))
                .param("seq", sequence).param("id", groupId)
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

    /**
     * Adds the memberships to the group. Each row keeps its member's email, in lower case, for the pages in email
     * order (a membership's email never changes): read from the member list, or, for a membership brought by the
     * events being handled, from {@code introduced}, as the member list may not have handled them yet.
     */
    void addMembers(UUID groupId, UUID organizationId, List<UUID> membershipIds, Instant at, Map<UUID, String> introduced) {
        if (membershipIds.isEmpty()) {
            return;
        }
        // one statement for the whole set keeps a 10,000-member replacement to a single round trip
        int added = jdbc.sql("""
                        INSERT INTO read.group_member_v1 (group_id, membership_id, organization_id, added_at, email_key)
                        SELECT :group, t.id, :org, :at,
                               COALESCE((SELECT lower(m.email) FROM read.member_v1 m
                                         WHERE m.organization_id = :org AND m.membership_id = t.id), lower(t.email))
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:emails AS text[])) AS t(id, email)
                        ON CONFLICT DO NOTHING""")
                .param("group", groupId).param("org", organizationId).param("at", stored(at))
                .param("ids", membershipIds.toArray(UUID[]::new))
                .param("emails", membershipIds.stream().map(introduced::get).toArray(String[]::new))
                .update();
        touch(groupId, at, added);
    }

    void removeMembers(UUID groupId, List<UUID> membershipIds, Instant at) {
        if (membershipIds.isEmpty()) {
            return;
        }
        int removed = jdbc.sql("DELETE FROM read.group_member_v1 WHERE group_id = :group AND membership_id = ANY (:ids)")
                .param("group", groupId).param("ids", membershipIds.toArray(UUID[]::new)).update();
        touch(groupId, at, -removed);
    }

    void delete(UUID groupId) {
        jdbc.sql("DELETE FROM read.group_member_v1 WHERE group_id = :id").param("id", groupId).update();
        jdbc.sql("DELETE FROM read.group_v1 WHERE group_id = :id").param("id", groupId).update();
    }

    List<GroupView> all(UUID organizationId) {
        return withMembers(organizationId, groups("WHERE g.organization_id = :org ORDER BY g.created_at, g.group_id",
                Map.of("org", organizationId)));
    }

    Optional<GroupView> one(UUID organizationId, UUID groupId, boolean withMembers) {
        List<GroupView> found = groups("WHERE g.organization_id = :org AND g.group_id = :id",
                Map.of("org", organizationId, "id", groupId));
        return (withMembers ? withMembers(organizationId, found) : found).stream().findFirst();
    }

    GroupPage page(FindGroupPageQuery query) {
        StringBuilder where = new StringBuilder("WHERE g.organization_id = :org");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", query.organizationId());
        if (query.nameEquals() != null) {
            where.append(" AND g.name = :nameEquals");
            params.put("nameEquals", query.nameEquals());
        }
        if (query.nameContains() != null) {
            where.append(" AND lower(g.name) LIKE lower(:nameContains) ESCAPE '\\'");
            params.put("nameContains", "%" + likeEscape(query.nameContains()) + "%");
        }
        if (query.memberId() != null) {
            where.append(query.managedOnly()
                    ? " AND g.manager_membership_id = :member"
                    : " AND EXISTS (SELECT 1 FROM read.group_member_v1 x WHERE x.group_id = g.group_id AND x.membership_id = :member)");
            params.put("member", query.memberId());
        }
        String direction = query.descending() ? "DESC" : "ASC";
        String order = switch (query.sort()) {
            case NAME -> "lower(g.name) " + direction + ", g.group_id";
            case MEMBERS_COUNT -> "g.member_count " + direction + ", lower(g.name), g.group_id";
            case MANAGER -> "(SELECT lower(COALESCE(mm.full_name, mm.email)) FROM read.member_v1 mm "
                    + "WHERE mm.organization_id = g.organization_id AND mm.membership_id = g.manager_membership_id) "
                    + direction + " NULLS LAST, lower(g.name), g.group_id";
        };
        Map<String, Object> pageParams = new LinkedHashMap<>(params);
        pageParams.put("offset", query.offset());
        pageParams.put("limit", query.limit());
        // the total in the page's own statement, so the two describe one state (an empty first page has none to
        // count; a page past the end counts apart)
        long[] counted = {-1};
        List<GroupView> items = groups(", count(*) OVER () AS total",
                where + " ORDER BY " + order + " " + PageWindow.of(query.offset(), query.limit()), pageParams,
                rs -> counted[0] = rs.getLong("total"));
        long total = counted[0] >= 0 ? counted[0]
                : query.offset() == 0 ? 0 : count("SELECT count(*) FROM read.group_v1 g " + where, params);
        return new GroupPage(items, total);
    }

    /**
     * The ids of a page of a group's members in email order, as an array; one direction for both keys, so the index
     * serves both. Past the middle, read from the end when {@code count} counts the filtered members
     * ({@link PageWindow#idsFromNearerEnd}; null reads from the start).
     */
    static String memberIdsInEmailOrder(boolean descending, boolean byEmail, boolean byMember, String count, int offset,
            int limit) {
        String direction = descending ? "DESC" : "ASC";
        return PageWindow.idsFromNearerEnd("SELECT gm.membership_id " + memberFilter(byEmail, byMember),
                "gm.email_key " + direction + ", gm.membership_id " + direction, count, offset, limit);
    }

    GroupMemberPage members(FindGroupMembersQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("group", query.groupId());
        params.put("org", query.organizationId());
        params.put("email", query.emailContains() == null ? null : "%" + likeEscape(query.emailContains()) + "%");
        params.put("members", query.membershipIds() == null ? null : query.membershipIds().toArray(UUID[]::new));
        // unfiltered, the group's own count answers: it counts the same rows, kept as members come and go
        boolean byEmail = query.emailContains() != null;
        boolean byMember = query.membershipIds() != null;
        params.put("offset", query.offset());
        params.put("limit", query.limit());
        // only the page's members are joined to the member list; the page's statement reads the total too (the
        // group's count, or the filtered rows counted), so the two describe one state (an empty first page has none;
        // a page past the end counts apart)
        Function<String, List<String>> roleKeys = roleKeys(query.organizationId());
        boolean unfiltered = !byEmail && !byMember;
        String counting = unfiltered ? KEPT_MEMBER_COUNT : "SELECT count(*) " + memberFilter(byEmail, byMember);
        // a page past the middle is read from the end where the kept count says where the end is
        String keptCount = unfiltered ? KEPT_MEMBER_COUNT : null;
        long[] counted = {-1};
        List<GroupMemberView> items = bind(jdbc.sql("SELECT " + MEMBER_COLUMNS + ", (" + counting + ") AS total"
                        + """
                         FROM unnest(%s) WITH ORDINALITY AS p(membership_id, n)
                        JOIN read.group_member_v1 gm ON gm.group_id = :group AND gm.membership_id = p.membership_id
                        JOIN read.member_v1 m ON m.organization_id = gm.organization_id AND m.membership_id = gm.membership_id
                        ORDER BY %s""".formatted(memberIdsInEmailOrder(query.descending(), byEmail, byMember,
                        keptCount, query.offset(), query.limit()),
                        PageWindow.positions("p.n", keptCount, query.offset()))), params)
                .query((rs, row) -> {
                    counted[0] = rs.getLong("total");
                    return member(rs, roleKeys);
                })
                .list();
        long total = counted[0] >= 0 ? counted[0] : query.offset() == 0 ? 0 : count(counting, params);
        return new GroupMemberPage(items, total);
    }

    MemberGroups groupsOf(UUID organizationId, List<UUID> membershipIds) {
        Map<UUID, List<MemberGroups.GroupSummary>> result = new LinkedHashMap<>();
        if (membershipIds.isEmpty()) {
            return new MemberGroups(result);
        }
        jdbc.sql("""
                        SELECT gm.membership_id, g.group_id, g.name, g.manager_membership_id
                        FROM read.group_member_v1 gm JOIN read.group_v1 g ON g.group_id = gm.group_id
                        WHERE gm.organization_id = :org AND gm.membership_id = ANY (:ids)
                        ORDER BY gm.membership_id, lower(g.name)""")
                .param("org", organizationId)
                .param("ids", membershipIds.toArray(UUID[]::new))
                .query((rs, row) -> result.computeIfAbsent(rs.getObject("membership_id", UUID.class), id -> new ArrayList<>())
                        .add(new MemberGroups.GroupSummary(rs.getObject("group_id", UUID.class), rs.getString("name"),
                                rs.getObject("manager_membership_id", UUID.class))))
                .list();
        return new MemberGroups(result);
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM read.group_v1").update();
        jdbc.sql("DELETE FROM read.group_member_v1").update();
    }

    /** The rows actually inserted or deleted give the change in the count; no recount of a large group. */
    private void touch(UUID groupId, Instant at, int delta) {
        jdbc.sql("""
                        UPDATE read.group_v1 SET modified_at = GREATEST(modified_at, :at), member_count = member_count + :delta
                        WHERE group_id = :id""")
                .param("id", groupId).param("at", stored(at)).param("delta", delta).update();
    }

    private long count(String sql, Map<String, Object> params) {
        return bind(jdbc.sql(sql), params).query(Long.class).single();
    }

    private List<GroupView> groups(String tail, Map<String, Object> params) {
        return groups("", tail, params, rs -> { });
    }

    /** Groups with {@code columns} more, which {@code seen} reads from each row. */
    private List<GroupView> groups(String columns, String tail, Map<String, Object> params, RowReader seen) {
        return bind(jdbc.sql("SELECT " + GROUP_COLUMNS + columns + " FROM read.group_v1 g " + tail), params)
                .query((rs, row) -> {
                    seen.read(rs);
                    return new GroupView(rs.getObject("group_id", UUID.class), (UUID) params.get("org"),
                            rs.getString("name"), rs.getString("description"),
                            Arrays.asList((String[]) rs.getArray("directory_group_ids").getArray()),
                            rs.getObject("manager_membership_id", UUID.class), rs.getLong("member_count"), new ArrayList<>(),
                            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("modified_at").toInstant());
                })
                .list();
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private List<GroupView> withMembers(UUID organizationId, List<GroupView> groups) {
        if (groups.isEmpty()) {
            return groups;
        }
        Map<UUID, GroupView> byId = new LinkedHashMap<>();
        groups.forEach(group -> byId.put(group.id(), group));
        Function<String, List<String>> roleKeys = roleKeys(organizationId);
        // the organization on both sides: without it the planner cannot tell that a group's members are a few rows of
        // the member list, and scanned the whole list (every organization's) to join a large group
        jdbc.sql("SELECT " + MEMBER_COLUMNS + " " + MEMBER_JOIN
                        + " WHERE gm.group_id = ANY (:ids) AND gm.organization_id = :org AND m.organization_id = :org"
                        + " ORDER BY gm.group_id, gm.added_at, gm.membership_id")
                .param("ids", byId.keySet().toArray(UUID[]::new))
                .param("org", organizationId)
                .query((rs, row) -> byId.get(rs.getObject("group_id", UUID.class)).members().add(member(rs, roleKeys)))
                .list();
        return groups;
    }

    private static GroupMemberView member(ResultSet rs, Function<String, List<String>> roleKeys) throws SQLException {
        Timestamp since = rs.getTimestamp("since");
        return new GroupMemberView(rs.getObject("membership_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("email"), rs.getString("full_name"), rs.getString("status"),
                roleKeys.apply(rs.getString("role_ids")),
                since == null ? null : since.toInstant(), rs.getTimestamp("added_at").toInstant());
    }

    /**
     * A member's role keys, from the text of its role ids, resolved in the organization's catalogue rather than by a
     * subquery per row (for a whole group of 10,000 that subquery was most of the statement's time). Members share a
     * few sets of roles, so each set is resolved once per read.
     */
    private Function<String, List<String>> roleKeys(UUID organizationId) {
        RoleCatalogue catalogue = roles.catalogue(organizationId);
        Map<String, List<String>> keysBySet = new HashMap<>();
        return roleIds -> keysBySet.computeIfAbsent(roleIds, set -> catalogue.resolve(
                        Arrays.stream(set.split(",")).filter(id -> !id.isEmpty()).map(UUID::fromString).toList())
                .stream().map(RoleDefinition::key).toList());
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Map<String, Object> params) {
        params.forEach((name, value) -> {
            if (value == null) {
                statement.param(name, null, Types.VARCHAR);
            } else {
                statement.param(name, value);
            }
        });
        return statement;
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Event store timestamps keep milliseconds; live and replayed rows must hold the same instant. */
    private static Timestamp stored(Instant at) {
        return Timestamp.from(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
}
