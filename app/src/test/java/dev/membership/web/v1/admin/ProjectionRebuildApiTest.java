package dev.membership.web.v1.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Read models rebuilt from the events equal the live ones, row for row, also when rebuilt under a write load. */
class ProjectionRebuildApiTest extends ApiTestSupport {

    @Autowired
    private DataSource dataSource;

    private final List<InviteLoad> loads = new ArrayList<>();

    /** A test that failed while its load ran leaves no load running into the next tests. */
    @AfterEach
    void stopTheLoads() {
        loads.forEach(load -> load.stopped.set(true));
    }

    @Test
    void rebuildingEveryReadModel_reproducesTheLiveTablesRowForRow() {
        history();
        awaitAudit();
        Map<String, List<String>> live = snapshot();

        for (String name : names()) {
            rebuildAndWait(name);
        }

        awaitAudit();
        assertSameRows(snapshot(), live);
    }

    @Test
    void aRebuildOfEveryReadModelDuringAWriteLoad_endsWithTheStateBeforePlusTheNewWrites() {
        String owner = history();
        UUID org = organizationOf(owner);
        InviteLoad load = new InviteLoad(owner, org, "load-");
        List<String> names = names();
        int before = load.awaitInvited(1);
        for (String name : names) {
            rebuildAndWait(name);
        }
        int during = load.invited() - before;
        int invited = load.stop();
        assertThat(during).as("invitations acknowledged while the read models were rebuilt").isPositive();
        awaitAudit();
        Map<String, List<String>> afterLoad = snapshot();
        assertThat(afterLoad.get("read.member_v1").stream().filter(row -> row.contains("load-")).count()).isEqualTo(invited);

        for (String name : names) {
            rebuildAndWait(name);
        }
        awaitAudit();
        assertSameRows(snapshot(), afterLoad);
    }

    @Test
    void rebuildingEveryReadModelInOnePass_reproducesTheLiveTablesRowForRow() {
        history();
        awaitAudit();
        Map<String, List<String>> live = snapshot();
        damageEveryTable();

        HttpResult started = http.as(TestTokens.platformAdmin()).post("/v1/admin/projections/rebuild", null);

        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/v1/admin/projections");
        List<String> listed = new ArrayList<>();
        started.json().forEach(p -> listed.add(p.get("name").asText()));
        assertThat(listed).containsExactlyElementsOf(names());
        for (String name : names()) {
            waitIdle(name);
            JsonNode status = http.as(TestTokens.platformAdmin()).get("/v1/admin/projections/" + name).json();
            assertThat(status.get("lastRebuildEvents").asLong()).as(name).isEqualTo(status.get("total").asLong());
        }
        awaitAudit();
        assertSameRows(snapshot(), live);
    }

    @Test
    void aOnePassRebuildDuringAWriteLoad_endsWithTheStateBeforePlusTheNewWrites() {
        String owner = history();
        UUID org = organizationOf(owner);
        InviteLoad load = new InviteLoad(owner, org, "one-pass-write-");
        List<String> names = names();
        int before = load.awaitInvited(1);
        for (int i = 0; i < 3; i++) {
            assertThat(http.as(TestTokens.platformAdmin()).post("/v1/admin/projections/rebuild", null).status()).isEqualTo(202);
            names.forEach(this::waitIdle);
        }
        int during = load.invited() - before;
        int invited = load.stop();
        assertThat(during).as("invitations acknowledged while the read models were rebuilt").isPositive();
        awaitAudit();
        Map<String, List<String>> afterLoad = snapshot();
        assertThat(afterLoad.get("read.member_v1").stream().filter(row -> row.contains("one-pass-write-")).count())
                .isEqualTo(invited);

        assertThat(http.as(TestTokens.platformAdmin()).post("/v1/admin/projections/rebuild", null).status()).isEqualTo(202);
        names().forEach(this::waitIdle);
        awaitAudit();
        assertSameRows(snapshot(), afterLoad);
    }

    /**
     * A writer takes the shared locks of the read models it writes in name order. While a writer holds the first read
     * model's lock, a one-pass rebuild waits for it, and no share of the pass may hold a later read model's exclusive
     * lock meanwhile: a writer that went on to take that one would wait for the pass, which waits for the writer.
     */
    @Test
    void aOnePassRebuildWaitingForAWritersLock_holdsNoLaterLock_soTheWriterFinishesAndThePassToo() throws Exception {
        history();
        List<String> names = names().stream().sorted().toList();
        String first = names.get(0);
        List<String> later = names.subList(1, names.size());

        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            takeShared(writer, List.of(first));

            assertThat(http.as(TestTokens.platformAdmin()).post("/v1/admin/projections/rebuild", null).status()).isEqualTo(202);
            awaitExclusiveWaiter(first);

            assertThat(exclusiveLocksGranted(names)).as("exclusive locks the pass holds while it waits for %s", first)
                    .isZero();
            try (Statement statement = writer.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = '10s'");
            }
            takeShared(writer, later); // before the fix: the lock timeout, as a share held some of these
            writer.commit();
        }

        for (String name : names) {
            waitIdle(name);
        }
    }

    private static void takeShared(Connection connection, List<String> names) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock_shared(hashtext(n)) FROM unnest(?) AS n")) {
            statement.setArray(1, connection.createArrayOf("text",
                    names.stream().map(name -> "projection:" + name).toArray()));
            statement.executeQuery().close();
        }
    }

    private void awaitExclusiveWaiter(String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (jdbc.sql("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND mode = 'ExclusiveLock' AND NOT granted
                AND objid::bigint = (hashtext(:key)::bigint & 4294967295)""")
                .param("key", "projection:" + name).query(Long.class).single() == 0) {
            assertThat(System.currentTimeMillis()).as("the pass waiting for the lock of %s", name).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private long exclusiveLocksGranted(List<String> names) {
        return jdbc.sql("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND mode = 'ExclusiveLock' AND granted
                AND objid::bigint IN (SELECT hashtext('projection:' || n)::bigint & 4294967295
                                      FROM unnest(CAST(:names AS text[])) AS n)""")
                .param("names", names.toArray(String[]::new)).query(Long.class).single();
    }

    @Test
    void aRebuild_vacuumsTheTablesItWrote_beforeItReportsItselfFinished() {
        history();
        long members = vacuums("member_v1");
        long routes = vacuums("invitation_route_v1");
        long groups = vacuums("group_v1");

        rebuildAndWait("members");

        assertThat(vacuums("member_v1")).isGreaterThan(members);
        assertThat(vacuums("invitation_route_v1")).isGreaterThan(routes);
        assertThat(vacuums("group_v1")).as("a table of another read model").isEqualTo(groups);
    }

    private long vacuums(String table) {
        return jdbc.sql("SELECT vacuum_count FROM pg_stat_user_tables WHERE schemaname = 'read' AND relname = :table")
                .param("table", table).query(Long.class).single();
    }

    @Test
    void theListShowsEveryReadModelWithItsPosition_andOnlyPlatformAdminsMayRebuild() {
        JsonNode list = http.as(TestTokens.platformAdmin()).get("/v1/admin/projections").json();
        List<String> names = new ArrayList<>();
        list.forEach(p -> names.add(p.get("name").asText()));

        assertThat(names).contains("audit", "members", "groups", "organizations", "roles", "directory",
                "membership-history", "person-directory", "membership-lookup", "group-lookup", "directory-lookup")
                .doesNotContain("group-policies");
        list.forEach(readModel -> assertThat(readModel.has("position") && readModel.has("total")
                && readModel.has("eventsPerSecond") && readModel.has("state")).as("%s", readModel).isTrue());
        String owner = email("owner");
        createOrganization(owner);
        assertThat(http.as(TestTokens.user(owner)).get("/v1/admin/projections").status()).isEqualTo(403);
        assertThat(http.as(TestTokens.user(owner)).post("/v1/admin/projections/members/rebuild", null).status()).isEqualTo(403);
        assertThat(http.as(TestTokens.platformAdmin()).post("/v1/admin/projections/nope/rebuild", null).status()).isEqualTo(404);
        assertThat(http.as(TestTokens.user(owner)).post("/v1/admin/projections/rebuild", null).status()).isEqualTo(403);
    }

    private final Map<String, UUID> organizations = new LinkedHashMap<>();

    private UUID organizationOf(String owner) {
        return organizations.get(owner);
    }

    /** Data in every read model: organizations, members, invitations, roles, groups, directory, removals. */
    private String history() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        organizations.put(owner, org);
        Http asOwner = http.as(TestTokens.user(owner));
        String alice = membership(org, owner, email("alice"), "Admin");
        String bob = invite(org, owner, email("bob"), "User");
        String carol = email("carol");
        membership(org, owner, carol, "User");
        String ims = "ims-" + UUID.randomUUID();
        http.as(TestTokens.platformAdmin()).put("/v1/directory/groups/" + ims,
                "{\"name\": \"Geo\", \"federated\": false, \"members\": [{\"email\": \"" + email("dana") + "\", \"fullName\": \"Dana\"}]}");
        String group = asOwner.post("/docspace/" + org + "/api/2.0/group",
                "{\"groupName\": \"Crew\", \"groupManager\": \"" + alice + "\", \"members\": [\"" + bob + "\"]}")
                .json().get("response").get("id").asText();
        asOwner.header("API-Preview", "opt-in").patch("/workspace/orgs/" + org + "/members/groups/" + group,
                "{\"ims_groups\": [\"" + ims + "\"]}");
        asOwner.patch("/workspace/orgs/" + org + "/members/users/" + userId(org, owner, carol),
                "{\"roles\": [\"" + roleId(org, owner, "Auditor") + "\"]}");
        asOwner.delete("/workspace/orgs/" + org + "/members/users/" + userId(org, owner, carol));
        return owner;
    }

    /** Invitations sent one after another (500 at most), in the background, until stopped; each must be answered 201. */
    private final class InviteLoad {

        private final AtomicInteger invited = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final CompletableFuture<Integer> sending;

        InviteLoad(String owner, UUID org, String emailPrefix) {
            loads.add(this);
            String userRole = roleId(org, owner, "User");
            Http asOwner = http.as(TestTokens.user(owner));
            sending = CompletableFuture.supplyAsync(() -> {
                for (int i = 0; !stopped.get() && i < 500; i++) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // a steady load, not a flood
                    HttpResult result = asOwner.post("/workspace/orgs/" + org + "/members/users", "{\"users\": [{\"email\": \""
                            + emailPrefix + i + "-" + UUID.randomUUID() + "@acme.test\", \"roles\": [\"" + userRole + "\"]}]}");
                    assertThat(result.status()).as("invitation %d under the rebuilds: %s", i, result).isEqualTo(201);
                    invited.incrementAndGet();
                }
                return invited.get();
            });
        }

        /** Waits until at least {@code count} invitations were answered; answers how many were. */
        int awaitInvited(int count) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (invited.get() < count) {
                assertThat(sending).as("the load runs").isNotCompletedExceptionally();
                assertThat(System.nanoTime()).as("%d invitations answered", count).isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            return invited.get();
        }

        int invited() {
            return invited.get();
        }

        /** Stops the load; answers how many invitations it sent. */
        int stop() {
            stopped.set(true);
            return sending.join();
        }
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        http.as(TestTokens.platformAdmin()).get("/v1/admin/projections").json().forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    private void rebuildAndWait(String name) {
        String path = "/v1/admin/projections/" + name;
        JsonNode before = http.as(TestTokens.platformAdmin()).get(path).json();
        HttpResult started = http.as(TestTokens.platformAdmin()).post(path + "/rebuild", null);
        assertThat(started.status()).as("rebuild %s: %s", name, started).isEqualTo(202);
        waitIdle(name);
        JsonNode after = http.as(TestTokens.platformAdmin()).get(path).json();
        assertThat(after.path("lastRebuildStartedAt").textValue()).as("a rebuild of %s ran: %s", name, after)
                .isNotNull().isNotEqualTo(before.path("lastRebuildStartedAt").textValue());
        assertThat(after.path("lastRebuildFinishedAt").textValue()).as("the rebuild of %s finished: %s", name, after)
                .isNotNull();
        assertThat(after.path("lastError").isNull() || after.path("lastError").isMissingNode())
                .as("the rebuild of %s failed: %s", name, after).isTrue();
    }

    /**
     * Deletes one row of each read model and look-up table that has any, so that a rebuild that left the tables as
     * they were would be told from one that wrote them again.
     */
    private void damageEveryTable() {
        Map<String, List<String>> before = snapshot();
        int damaged = 0;
        for (String table : before.keySet()) {
            damaged += jdbc.sql("DELETE FROM " + table + " WHERE ctid = (SELECT ctid FROM " + table + " LIMIT 1)").update();
        }
        assertThat(damaged).as("rows deleted from %s", before.keySet()).isPositive();
    }

    private void waitIdle(String name) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode status = http.as(TestTokens.platformAdmin()).get("/v1/admin/projections/" + name).json();
            if (!status.get("state").asText().equals("rebuilding")) {
                assertThat(status.get("state").asText()).as("rebuild of %s: %s", name, status).isEqualTo("idle");
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the rebuild of " + name, e);
            }
        }
        throw new AssertionError("rebuild of " + name + " did not finish");
    }

    private static void assertSameRows(Map<String, List<String>> actual, Map<String, List<String>> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String table : expected.keySet()) {
            assertThat(actual.get(table)).as("rows of %s", table).containsExactlyElementsOf(expected.get(table));
        }
    }

    /** Every row of every read model and look-up table, as text, in a stable order. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : jdbc.sql("""
                        SELECT schemaname || '.' || tablename FROM pg_tables
                        WHERE schemaname IN ('read', 'lookup') AND tablename <> 'audit_watermark_v1' ORDER BY 1""")
                .query(String.class).list()) {
            tables.put(table, jdbc.sql("SELECT t::text FROM " + table + " t ORDER BY 1").query(String.class).list());
        }
        return tables;
    }
}
