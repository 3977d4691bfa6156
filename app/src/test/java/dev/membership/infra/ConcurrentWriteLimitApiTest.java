package dev.membership.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.infra.http.ConcurrencyLimitFilter;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Writes beyond the concurrency limit wait for a turn instead of taking database connections, so reads are still
 * served while every admitted write is stuck; a write whose turn does not come in time answers 503 and writes
 * nothing.
 */
class ConcurrentWriteLimitApiTest extends ApiTestSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    FilterRegistrationBean<ConcurrencyLimitFilter> concurrentWriteLimitFilter;

    @Value("${membership.http.max-concurrent-writes}")
    int limit;

    @Test
    void writesBeyondTheLimitWaitForATurn_readsAreServedMeanwhile_andAWriteThatWaitsTooLongAnswers503() throws Exception {
        // one organization per write: writes to one organization take its lock in turn anyway
        String owner = email("owner");
        List<UUID> orgs = IntStream.range(0, limit + 1).mapToObj(i -> createOrganization(owner)).toList();
        List<String> roles = orgs.stream().map(org -> roleId(org, owner, "User")).toList();
        Http asOwner = http.as(TestTokens.user(owner));
        UUID org = orgs.get(limit);
        String path = "/workspace/orgs/" + org + "/members/users";
        ExecutorService clients = Executors.newFixedThreadPool(limit);
        List<Future<HttpResult>> admitted;
        HttpResult refused;
        String refusedEmail = email("refused");
        try (Connection rebuild = dataSource.getConnection(); Statement sql = rebuild.createStatement()) {
            // what a rebuild of the member list holds: every write that updates that list waits for it
            rebuild.setAutoCommit(false);
            sql.execute("SELECT pg_advisory_xact_lock(hashtext('projection:members'))");
            admitted = IntStream.range(0, limit).mapToObj(i -> clients.submit(() -> asOwner.post(
                    "/workspace/orgs/" + orgs.get(i) + "/members/users", invite(email("w" + i), roles.get(i))))).toList();
            awaitWritesHeldUpByTheLock(limit);

            assertThat(asOwner.get(path).status()).isEqualTo(200);
            refused = asOwner.post(path, invite(refusedEmail, roles.get(limit)));
            rebuild.rollback();
        } finally {
            clients.shutdown();
        }

        assertThat(refused.status()).as("%s", refused).isEqualTo(503);
        assertThat(refused.json().get("status").asInt()).isEqualTo(503);
        assertThat(refused.json().get("detail").asText()).contains("Too many writes");
        assertThat(refused.headers().allValues("Retry-After")).containsExactly("1");
        for (Future<HttpResult> write : admitted) {
            assertThat(write.get().status()).isEqualTo(201);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM read.member_v1 WHERE organization_id = :org AND email = :email")
                .param("org", org).param("email", refusedEmail).query(Long.class).single()).isZero();
    }

    /** Every admitted write is in progress, and their commands' batches wait for the lock. */
    private void awaitWritesHeldUpByTheLock(int writes) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (concurrentWriteLimitFilter.getFilter().inProgress() < writes || jdbc.sql(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").query(Long.class).single() == 0) {
            assertThat(System.currentTimeMillis()).as("writes held up by the lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String invite(String email, String role) {
        return "{\"users\": [{\"email\": \"" + email + "\", \"roles\": [\"" + role + "\"]}]}";
    }
}
