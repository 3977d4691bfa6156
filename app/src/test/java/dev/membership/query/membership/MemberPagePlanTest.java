package dev.membership.query.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.api.invitation.InvitationView;
import dev.membership.api.membership.FindMembershipsQuery;
import dev.membership.api.membership.MemberPage;
import dev.membership.api.membership.MemberView;
import dev.membership.api.membership.MembershipPage;
import dev.membership.api.membership.MembershipSort;
import dev.membership.api.membership.MembershipView;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.QueryPlans;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A page of members, in joining order or by email, takes its ids from a narrow index and reads only its own rows from
 * the table, however deep its offset: PostgreSQL neither sorts the organization's members nor reads their rows for it.
 * An invitation is looked up within its organization.
 */
class MemberPagePlanTest extends ApiTestSupport {

    private static final int MEMBERS = 10_000;
    private static final int DEEP = MEMBERS - 100;
    private static final int LIMIT = 20;

    @Autowired
    private MemberRepository members;

    @Autowired
    private PlatformTransactionManager transactions;

    private final UUID org = UUID.randomUUID();

    @BeforeEach
    void tenThousandMembers_amongTwiceAsMany() {
        jdbc.sql("""
                        INSERT INTO read.member_v1 (organization_id, membership_id, user_id, email, full_name, status,
                                                    role_ids, joined_at, ordinal, last_sequence)
                        SELECT :org, gen_random_uuid(), gen_random_uuid(), 'member' || n || '@plan.test', 'Member ' || n,
                               'accepted', '{}', now(), n, 0
                        FROM generate_series(1, :n) AS n""")
                .param("org", org).param("n", MEMBERS).update();
        // as many again in a hundred other organizations, as a table shared by many would hold
        jdbc.sql("""
                        INSERT INTO read.member_v1 (organization_id, membership_id, user_id, email, full_name, status,
                                                    role_ids, joined_at, ordinal, last_sequence)
                        SELECT o.id, gen_random_uuid(), gen_random_uuid(), 'other' || n || '@plan.test', 'Other ' || n,
                               'accepted', '{}', now(), n, 0
                        FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, 100)) AS o,
                             generate_series(1, :n / 100) AS n""")
                .param("n", MEMBERS).update();
        jdbc.sql("VACUUM ANALYZE read.member_v1").update();
    }

    @AfterEach
    void removeAll() {
        jdbc.sql("DELETE FROM read.member_v1 WHERE email LIKE '%@plan.test'").update();
        jdbc.sql("DELETE FROM read.organization_v1 WHERE organization_id = :org").param("org", org).update();
        // the table and its indexes back to their size without these rows: a plan is priced from the sizes, and each
        // case's twenty thousand rows would otherwise leave the next case larger indexes to walk
        jdbc.sql("VACUUM FULL read.member_v1").update();
    }

    @Test
    void aPageAtOffset9900_walksTheAcceptedMembersIndex_andReadsTwentyOneRowsWithoutSorting() {
        assertWalksOnly("member_v1_accepted_order_ix",
                plan(MemberRepository.inJoiningOrder("m.membership_id, m.email", "status = 'accepted'", null, DEEP, LIMIT + 1), DEEP));
    }

    @Test
    void anEmailOrderedPageAtOffset9900_walksTheEmailKeyIndex_inEitherDirection_andReadsTwentyRows() {
        for (boolean descending : List.of(false, true)) {
            assertWalksOnly("member_v1_email_key_ix", plan(MemberRepository.idsFirst("m.membership_id, m.email",
                    MemberRepository.listed(null), MemberRepository.order(MembershipSort.EMAIL, descending), null, DEEP,
                    LIMIT + 1), DEEP));
        }
    }

    @Test
    void aPageOfInvitationsDeepInTheList_walksThePendingIndex() {
        jdbc.sql("""
                        INSERT INTO read.member_v1 (organization_id, membership_id, user_id, email, status, role_ids,
                                                    invited_at, expires_at, ordinal, last_sequence)
                        SELECT :org, gen_random_uuid(), gen_random_uuid(), 'invited' || n || '@plan.test', 'pending',
                               '{}', now(), now() + interval '1 day', :first + n, 0
                        FROM generate_series(1, 1000) AS n""")
                .param("org", org).param("first", MEMBERS).update();
        jdbc.sql("VACUUM ANALYZE read.member_v1").update();

        assertWalksOnly("member_v1_pending_order_ix", plan(MemberRepository.inJoiningOrder("m.membership_id, m.email",
                MemberRepository.listed("pending"), null, 900, LIMIT + 1), 900));
    }

    @Test
    void invitations_areLookedUpByKeyWithinTheirOrganization_inOneStatement() {
        List<UUID> invitations = List.of(UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < invitations.size(); i++) {
            jdbc.sql("""
                            INSERT INTO read.member_v1 (organization_id, membership_id, user_id, email, status, role_ids,
                                                        invited_at, expires_at, ordinal, last_sequence)
                            VALUES (:org, :id, gen_random_uuid(), :email, 'pending', '{}', now(),
                                    now() + interval '1 day', :n, 0)""")
                    .param("org", org).param("id", invitations.get(i)).param("email", "invited" + i + "@plan.test")
                    .param("n", MEMBERS + 1 + i).update();
        }
        UUID[] asked = {invitations.get(0), invitations.get(1), UUID.randomUUID()};

        List<JsonNode> nodes = QueryPlans.explain(transactions, jdbc, () -> jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) "
                        + MemberRepository.PENDING_INVITATIONS).param("org", org).param("ids", asked)
                        .query(String.class).single(),
                "enable_seqscan", "enable_bitmapscan");

        // an index scan whose condition lacks the organization would walk the invitations of every organization, and
        // one without the ids every invitation of the organization
        assertThat(nodes).singleElement().satisfies(scan -> {
            assertThat(scan.path("Relation Name").asText()).isEqualTo("member_v1");
            assertThat(scan.path("Index Cond").asText())
                    .containsPattern("^\\(+organization_id = ")
                    .contains("membership_id = ANY");
            assertThat(scan.path("Actual Rows").asLong()).isEqualTo(2);
        });
    }

    @Test
    void theTotalOfAnAccountMemberList_readsOnlyTheInvitationsWhoseTimeIsUp_notEveryPendingOne() {
        jdbc.sql("""
                        INSERT INTO read.member_v1 (organization_id, membership_id, user_id, email, status, role_ids,
                                                    invited_at, expires_at, ordinal, last_sequence)
                        SELECT :org, gen_random_uuid(), gen_random_uuid(), 'invited' || n || '@plan.test', 'pending', '{}',
                               now(), now() + CASE WHEN n <= 3 THEN interval '-1 minute' ELSE interval '1 day' END,
                               :first + n, 0
                        FROM generate_series(1, 1003) AS n""")
                .param("org", org).param("first", MEMBERS).update();
        // the organization's read model counts the three whose time is up as pending until the sweep ends them
        jdbc.sql("""
                        INSERT INTO read.organization_v1 (organization_id, name, created_at, member_count, invitation_count,
                                                          last_sequence)
                        VALUES (:org, 'Plan', now(), :members, 1003, 0)""")
                .param("org", org).param("members", MEMBERS).update();
        jdbc.sql("VACUUM ANALYZE read.member_v1").update();

        List<JsonNode> nodes = QueryPlans.explain(transactions, jdbc, () -> jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) "
                        + MemberRepository.COUNTS).param("org", org).query(String.class).single(),
                "enable_seqscan", "enable_bitmapscan");

        assertThat(nodes).filteredOn(node -> node.path("Relation Name").asText().equals("member_v1"))
                .singleElement().satisfies(scan -> {
                    assertThat(scan.path("Index Name").asText()).isEqualTo("member_v1_pending_due_ix");
                    assertThat(scan.path("Actual Rows").asLong()).as("entries read").isEqualTo(3);
                });
        assertThat(members.memberships(new FindMembershipsQuery(org, null, MembershipSort.EMAIL, false, 0, 5)).total())
                .isEqualTo(MEMBERS + 1000);
        assertThat(members.memberships(new FindMembershipsQuery(org, "pending", MembershipSort.EMAIL, false, 0, 5)).total())
                .isEqualTo(1000);
        assertThat(members.memberships(new FindMembershipsQuery(org, "accepted", MembershipSort.EMAIL, false, 0, 5)).total())
                .isEqualTo(MEMBERS);
    }

    /**
     * While no invitation is past its time, an account member page's walk checks nothing on the entries it passes (a
     * fifth of the walk's time); with one due, it leaves it out of the page as of the total.
     */
    @Test
    void anAccountMemberPage_checksNoEntryItWalks_untilAnInvitationIsPastItsTime() {
        List<JsonNode> walk = plan(MemberRepository.idsFirst("m.membership_id, m.email",
                MemberRepository.listedWhileNoneDue(null), MemberRepository.order(MembershipSort.EMAIL, false), null, DEEP,
                LIMIT + 1), DEEP);
        assertWalksOnly("member_v1_email_key_ix", walk);
        assertThat(walk).filteredOn(node -> node.path("Node Type").asText().equals("Index Only Scan"))
                .singleElement().satisfies(scan -> assertThat(scan.has("Filter")).as("filter in %s", scan).isFalse());
        jdbc.sql("""
                        INSERT INTO read.organization_v1 (organization_id, name, created_at, member_count, invitation_count,
                                                          last_sequence)
                        VALUES (:org, 'Plan', now(), :members, 2, 0)""")
                .param("org", org).param("members", MEMBERS).update();
        FindMembershipsQuery everyone = new FindMembershipsQuery(org, null, MembershipSort.EMAIL, false, 0, LIMIT);
        assertThat(pageStatements(everyone)).as("no invitation due").singleElement().asString()
                .doesNotContain("expires_at");

        jdbc.sql("""
                        INSERT INTO read.member_v1 (organization_id, membership_id, user_id, email, status, role_ids,
                                                    invited_at, expires_at, ordinal, last_sequence)
                        VALUES (:org, gen_random_uuid(), gen_random_uuid(), 'a-due@plan.test', 'pending', '{}', now(),
                                now() - interval '1 minute', :n, 0),
                               (:org, gen_random_uuid(), gen_random_uuid(), 'a-open@plan.test', 'pending', '{}', now(),
                                now() + interval '1 day', :n + 1, 0)""")
                .param("org", org).param("n", MEMBERS + 1).update();

        assertThat(pageStatements(everyone)).as("one invitation due").singleElement().asString()
                .contains("expires_at > now()");
        MembershipPage page = members.memberships(everyone);
        assertThat(page.items()).extracting(MembershipView::email).startsWith("a-open@plan.test")
                .doesNotContain("a-due@plan.test");
        assertThat(page.total()).isEqualTo(MEMBERS + 1);
    }

    /** The text of each page statement {@code query} prepared on its connection. */
    private List<String> pageStatements(FindMembershipsQuery query) {
        return QueryPlans.preparedStatements(transactions, jdbc, () -> {
            for (int i = 0; i < 6; i++) {
                members.memberships(query);
            }
        }, "WITH ORDINALITY");
    }

    /**
     * With the page's offset and limit bound as parameters, the plan PostgreSQL could keep for a statement is priced as
     * if a tenth of the organization's rows were wanted, so it planned each page anew (BENCHMARKS, change 57): a first
     * page's limit is in the text, and the organization is all it binds.
     */
    @Test
    void firstPages_bindOnlyTheirOrganization_withTheirLimitInTheText() {
        List<String> parameters = QueryPlans.preparedParameterTypes(transactions, jdbc, () -> {
            for (int i = 0; i < 6; i++) {
                members.memberships(new FindMembershipsQuery(org, null, MembershipSort.EMAIL, false, 0, LIMIT));
                members.acceptedPage(org, 0, LIMIT);
                members.pendingPage(org, 0, LIMIT);
            }
        }, "WITH ORDINALITY");

        // the organization is bound wherever the statement names it (the account members' page reads its counts too)
        assertThat(parameters).as("account members, accepted members, invitations").hasSize(3)
                .allMatch(types -> types.matches("\\{uuid(,uuid)+}"));
    }

    private static void assertWalksOnly(String index, List<JsonNode> nodes) {
        assertThat(nodes).as("plan %s", nodes).extracting(node -> node.path("Node Type").asText())
                .doesNotContain("Seq Scan", "Sort");
        List<JsonNode> memberTable = nodes.stream()
                .filter(node -> node.path("Relation Name").asText().equals("member_v1")).toList();
        assertThat(memberTable).filteredOn(node -> node.path("Node Type").asText().equals("Index Only Scan"))
                .extracting(node -> node.path("Index Name").asText())
                .containsExactly(index);
        assertThat(memberTable).filteredOn(node -> !node.path("Node Type").asText().equals("Index Only Scan"))
                .isNotEmpty()
                .allSatisfy(node -> assertThat(node.path("Actual Rows").asLong() * node.path("Actual Loops").asLong())
                        .as("rows read from the table by %s", node.path("Node Type").asText())
                        .isLessThanOrEqualTo(LIMIT + 1));
    }

    /**
     * Past the middle of the list, with the organization's kept count, a page is read from the end: a page at 9,900 of
     * 10,000 walks the 80 members after it and its own 21 (the one past the page tells whether there are more), not
     * 9,921, and the walk from the start is not run.
     */
    @Test
    void aPageAtOffset9900_withTheOrganizationsCount_walksOnlyTheMembersAfterIt() {
        keptCounts(MEMBERS, 0);

        List<JsonNode> scans = plan(MemberRepository.inJoiningOrder("m.membership_id, m.email", "status = 'accepted'",
                MemberRepository.counting("accepted", true), DEEP, LIMIT + 1), DEEP).stream()
                .filter(node -> node.path("Index Name").asText().equals("member_v1_accepted_order_ix")).toList();

        assertThat(scans).hasSize(2);
        assertThat(scans).filteredOn(scan -> scan.path("Actual Loops").asLong() > 0).singleElement()
                .satisfies(scan -> assertThat(scan.path("Actual Rows").asLong()).isEqualTo(MEMBERS - DEEP));
    }

    /**
     * Read from whichever end is nearer, every list holds what a walk from the start holds: joined members, invitations
     * (with one past its time and left out), and the account members' list in email order either way, for each status,
     * at the middle and on each side of it, near and at the end, and past it.
     */
    @Test
    void pagesReadFromTheNearerEnd_holdWhatAWalkFromTheStartHolds() {
        int invitations = 40;
        jdbc.sql("""
                        INSERT INTO read.member_v1 (organization_id, membership_id, user_id, email, status, role_ids,
                                                    invited_at, expires_at, ordinal, last_sequence)
                        SELECT :org, gen_random_uuid(), gen_random_uuid(), 'invited' || n || '@plan.test', 'pending', '{}',
                               now(), now() + CASE WHEN n = 7 THEN interval '-1 minute' ELSE interval '1 day' END,
                               :first + n, 0
                        FROM generate_series(1, :n) AS n""")
                .param("org", org).param("first", MEMBERS).param("n", invitations).update();
        keptCounts(MEMBERS, invitations);
        List<String> joined = jdbc.sql("SELECT email FROM read.member_v1 WHERE organization_id = :org AND status = 'accepted'"
                + " ORDER BY ordinal, membership_id").param("org", org).query(String.class).list();
        List<String> invited = jdbc.sql("SELECT email FROM read.member_v1 WHERE organization_id = :org AND status = 'pending'"
                + " AND expires_at > now() ORDER BY ordinal, membership_id").param("org", org).query(String.class).list();

        for (int offset : offsetsAround(joined.size())) {
            assertThat(members.acceptedPage(org, offset, LIMIT).items()).extracting(MemberView::email).as("offset %d", offset)
                    .containsExactlyElementsOf(slice(joined, offset));
            assertThat(members.acceptedPage(org, offset, LIMIT).hasMore()).isEqualTo(offset + LIMIT < joined.size());
        }
        for (int offset : offsetsAround(invited.size())) {
            assertThat(members.pendingPage(org, offset, LIMIT).items()).extracting(InvitationView::email)
                    .as("offset %d", offset).containsExactlyElementsOf(slice(invited, offset));
        }
        for (String status : java.util.Arrays.asList(null, "accepted", "pending")) {
            for (boolean descending : List.of(false, true)) {
                List<String> listed = jdbc.sql("SELECT email FROM read.member_v1 WHERE organization_id = :org AND "
                                + MemberRepository.listed(status) + " ORDER BY "
                                + MemberRepository.order(MembershipSort.EMAIL, descending))
                        .param("org", org).param("status", status, java.sql.Types.VARCHAR).query(String.class).list();
                for (int offset : offsetsAround(listed.size())) {
                    MembershipPage page = members.memberships(new FindMembershipsQuery(org, status, MembershipSort.EMAIL,
                            descending, offset, LIMIT));
                    assertThat(page.items()).extracting(MembershipView::email)
                            .as("status %s, descending %s, offset %d", status, descending, offset)
                            .containsExactlyElementsOf(slice(listed, offset));
                    assertThat(page.total()).isEqualTo(listed.size());
                }
            }
        }
    }

    private void keptCounts(int members, int invitations) {
        jdbc.sql("""
                        INSERT INTO read.organization_v1 (organization_id, name, created_at, member_count, invitation_count,
                                                          last_sequence)
                        VALUES (:org, 'Plan', now(), :members, :invitations, 0)""")
                .param("org", org).param("members", members).param("invitations", invitations).update();
    }

    private static int[] offsetsAround(int size) {
        int middle = (size - LIMIT) / 2;
        return IntStream.of(1, middle - 1, middle, middle + 1, size - LIMIT - 1, size - LIMIT, size - 7, size - 1, size,
                size + 3).filter(offset -> offset > 0).distinct().toArray();
    }

    private static List<String> slice(List<String> all, int offset) {
        return all.subList(Math.min(offset, all.size()), Math.min(offset + LIMIT, all.size()));
    }

    @Test
    void aPageAtOffset9900_holdsTheMembersWhoJoined9901stTo9920th() {
        MemberPage page = members.acceptedPage(org, DEEP, LIMIT);

        assertThat(page.items()).extracting(MemberView::email).containsExactlyElementsOf(
                IntStream.rangeClosed(DEEP + 1, DEEP + LIMIT).mapToObj(n -> "member" + n + "@plan.test").toList());
        assertThat(page.hasMore()).isTrue();
        assertThat(members.acceptedPage(org, MEMBERS - 5, LIMIT).items()).hasSize(5);
        assertThat(members.acceptedPage(org, MEMBERS - 5, LIMIT).hasMore()).isFalse();
    }

    /**
     * The plan of a page's query with scans of the table itself ruled out: whether PostgreSQL prefers one to an
     * index-only scan depends on how much of the table its visibility map shows as settled, which other tests'
     * writes keep changing. What is checked is which index serves the page, and that no row beyond it is read.
     */
    private List<JsonNode> plan(String page, int offset) {
        return QueryPlans.explain(transactions, jdbc, () -> jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + page)
                        .param("org", org).param("offset", offset).param("limit", LIMIT + 1)
                        .query(String.class).single(),
                "enable_seqscan", "enable_bitmapscan");
    }
}
