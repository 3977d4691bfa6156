package dev.membership.query.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.api.group.FindGroupMembersQuery;
import dev.membership.query.PageWindow;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.QueryPlans;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A page of a group's members in email order, in either direction and however deep its offset, walks one narrow
 * index of the group's member rows: PostgreSQL neither joins the group's members to the member list nor sorts them.
 */
class GroupMemberPagePlanTest extends ApiTestSupport {

    private static final int MEMBERS = 10_000;
    private static final int DEEP = MEMBERS - 100;
    private static final int LIMIT = 20;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private GroupRepository groups;

    private static final String KEPT = GroupRepository.KEPT_MEMBER_COUNT;

    private final UUID org = UUID.randomUUID();
    private final UUID group = UUID.randomUUID();

    @BeforeEach
    void tenThousandGroupMembers_amongTwiceAsMany() {
        jdbc.sql("""
                        INSERT INTO read.group_v1 (group_id, organization_id, name, description, member_count, created_at,
                                                   modified_at, last_sequence)
                        VALUES (:group, :org, 'Planned', '', :n, now(), now(), 0)""")
                .param("group", group).param("org", org).param("n", MEMBERS).update();
        jdbc.sql("""
                        INSERT INTO read.group_member_v1 (group_id, membership_id, organization_id, added_at, email_key)
                        SELECT :group, gen_random_uuid(), :org, now(), 'member' || n || '@plan.test'
                        FROM generate_series(1, :n) AS n""")
                .param("group", group).param("org", org).param("n", MEMBERS).update();
        // as many again in a hundred other groups
        jdbc.sql("""
                        INSERT INTO read.group_member_v1 (group_id, membership_id, organization_id, added_at, email_key)
                        SELECT g.id, gen_random_uuid(), g.id, now(), 'other' || n || '@plan.test'
                        FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, 100)) AS g,
                             generate_series(1, :n / 100) AS n""")
                .param("n", MEMBERS).update();
        jdbc.sql("VACUUM ANALYZE read.group_member_v1").update();
    }

    @AfterEach
    void removeAll() {
        jdbc.sql("DELETE FROM read.group_member_v1 WHERE email_key LIKE '%@plan.test'").update();
        jdbc.sql("DELETE FROM read.group_v1 WHERE group_id = :group").param("group", group).update();
    }

    @Test
    void aPageAtOffset9900_inEitherDirection_walksTheEmailIndexWithoutJoiningOrSorting() {
        for (boolean descending : new boolean[] {false, true}) {
            List<JsonNode> nodes = plan(descending, null);

            assertThat(nodes).extracting(node -> node.path("Node Type").asText())
                    .as("descending %s", descending)
                    .doesNotContain("Seq Scan", "Sort", "Hash Join", "Nested Loop", "Merge Join");
            assertThat(nodes).filteredOn(node -> node.path("Relation Name").asText().equals("group_member_v1"))
                    .extracting(node -> node.path("Index Name").asText())
                    .containsExactly("group_member_v1_email_ix");
            assertThat(nodes).filteredOn(node -> node.path("Relation Name").asText().equals("group_member_v1"))
                    .as("an unfiltered page checks nothing per entry").allSatisfy(node -> assertThat(node.has("Filter")).isFalse());
        }
    }

    /**
     * As a page of an organization's members (MemberPagePlanTest), a first page binds only the group and its
     * organization. A deep page binds its window, so that PostgreSQL plans it for the group at hand: a plan kept for
     * an average group read the big one's rows whole and sorted them.
     */
    @Test
    void aFirstPageBindsOnlyItsGroupAndOrganization_aDeepPageItsWindowToo() {
        List<String> first = QueryPlans.preparedParameterTypes(transactions, jdbc, () -> {
            for (int i = 0; i < 6; i++) {
                groups.members(new FindGroupMembersQuery(org, group, null, null, false, 0, LIMIT));
            }
        }, "WITH ORDINALITY");
        List<String> deep = QueryPlans.preparedParameterTypes(transactions, jdbc, () -> {
            for (int i = 0; i < 6; i++) {
                groups.members(new FindGroupMembersQuery(org, group, null, null, false, DEEP, LIMIT));
            }
        }, "WITH ORDINALITY");

        assertThat(first).singleElement().asString().matches("\\{uuid(,uuid)*\\}");
        assertThat(deep).singleElement().asString().contains("integer");
    }

    @Test
    void aPageFilteredByEmail_walksTheSameIndex() {
        List<JsonNode> nodes = plan(false, "%member99%");

        assertThat(nodes).extracting(node -> node.path("Node Type").asText()).doesNotContain("Seq Scan", "Sort");
        assertThat(nodes).filteredOn(node -> node.path("Relation Name").asText().equals("group_member_v1"))
                .extracting(node -> node.path("Index Name").asText())
                .containsExactly("group_member_v1_email_ix");
    }

    @Test
    void aPageAtOffset9900_holdsThe9901stTo9920thEmails_inEachDirection() {
        List<String> ascending = page("SELECT gm.email_key FROM read.group_member_v1 gm WHERE gm.membership_id = ANY ("
                        + GroupRepository.memberIdsInEmailOrder(false, false, false, null, DEEP, LIMIT) + ") ORDER BY gm.email_key", DEEP, null)
                .query(String.class).list();
        List<String> all = jdbc.sql("SELECT email_key FROM read.group_member_v1 WHERE group_id = :group ORDER BY email_key")
                .param("group", group).query(String.class).list();

        assertThat(ascending).containsExactlyElementsOf(all.subList(DEEP, DEEP + LIMIT));
        List<String> descending = page("SELECT unnest("
                        + GroupRepository.memberIdsInEmailOrder(true, false, false, null, MEMBERS - 5, LIMIT) + ")::text", MEMBERS - 5, null)
                .query(String.class).list();
        assertThat(descending).hasSize(5);
    }

    /**
     * Past the middle, with the group's kept count, a page is read from the end: the walk is of the members after it
     * (80 entries and the page's 20 for a page at 9,900 of 10,000, not 9,920), and the walk from the start is not run.
     */
    @Test
    void aPageAtOffset9900_withTheGroupsCount_walksOnlyTheMembersAfterIt_inEachDirection() {
        for (boolean descending : new boolean[] {false, true}) {
            List<JsonNode> scans = plan(descending, null, KEPT).stream()
                    .filter(node -> node.path("Relation Name").asText().equals("group_member_v1")).toList();

            assertThat(scans).as("descending %s", descending).hasSize(2)
                    .allSatisfy(scan -> assertThat(scan.path("Index Name").asText()).isEqualTo("group_member_v1_email_ix"));
            assertThat(scans).filteredOn(scan -> scan.path("Actual Loops").asLong() > 0).singleElement()
                    .satisfies(scan -> assertThat(scan.path("Actual Rows").asLong()).isEqualTo(MEMBERS - DEEP));
        }
    }

    /**
     * Read from either end, a page holds the same members as read from the start would: at the middle and on each
     * side of it, near and at the end, past it, in each direction.
     */
    @Test
    void aPageReadFromTheNearerEnd_holdsWhatAWalkFromTheStartHolds() {
        for (boolean descending : new boolean[] {false, true}) {
            for (int offset : new int[] {1, MEMBERS / 2 - LIMIT / 2 - 1, MEMBERS / 2 - LIMIT / 2, MEMBERS / 2 - LIMIT / 2 + 1,
                    MEMBERS / 2, DEEP, MEMBERS - LIMIT, MEMBERS - 7, MEMBERS - 1, MEMBERS, MEMBERS + 3}) {
                String ids = "SELECT unnest(%s)::text";
                List<String> fromTheStart = page(ids.formatted(GroupRepository.memberIdsInEmailOrder(descending, false,
                        false, null, offset, LIMIT)), offset, null).query(String.class).list();
                List<String> nearerEnd = page(ids.formatted(GroupRepository.memberIdsInEmailOrder(descending, false,
                        false, KEPT, offset, LIMIT)), offset, null).query(String.class).list();
                List<String> inOrder = page("SELECT p.id::text FROM unnest(%s) WITH ORDINALITY AS p(id, n) ORDER BY %s"
                        .formatted(GroupRepository.memberIdsInEmailOrder(descending, false, false, KEPT, offset, LIMIT),
                                PageWindow.positions("p.n", KEPT, offset)), offset, null)
                        .query(String.class).list();

                assertThat(inOrder).as("descending %s, offset %d", descending, offset).containsExactlyElementsOf(fromTheStart);
                assertThat(nearerEnd).as("descending %s, offset %d", descending, offset)
                        .containsExactlyInAnyOrderElementsOf(fromTheStart).hasSize(Math.max(0, Math.min(LIMIT, MEMBERS - offset)));
            }
        }
    }

    /**
     * The plan of the page's query with scans of the table itself and sorts ruled out (a sort is then chosen only if
     * nothing else can give the order): whether PostgreSQL prefers them to an index-only scan depends on how much of
     * the table its visibility map shows as settled, which other tests' writes keep changing. What is checked is
     * which index serves the page, and that nothing is joined or sorted.
     */
    private List<JsonNode> plan(boolean descending, String email) {
        return plan(descending, email, null);
    }

    private List<JsonNode> plan(boolean descending, String email, String count) {
        return QueryPlans.explain(transactions, jdbc, () -> page("EXPLAIN (ANALYZE, FORMAT JSON) SELECT "
                        + GroupRepository.memberIdsInEmailOrder(descending, email != null, false, count, DEEP, LIMIT), DEEP, email)
                        .query(String.class).single(),
                "enable_seqscan", "enable_bitmapscan", "enable_sort");
    }

    private JdbcClient.StatementSpec page(String sql, int offset, String email) {
        return jdbc.sql(sql).param("group", group).param("org", org).param("email", email, Types.VARCHAR)
                .param("member", null, Types.VARCHAR).param("offset", offset).param("limit", LIMIT);
    }
}
