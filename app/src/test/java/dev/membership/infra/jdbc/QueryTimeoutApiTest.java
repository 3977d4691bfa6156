package dev.membership.infra.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A query has a bounded time for its statements: one that takes longer (here, one waiting behind a lock on the table
 * it reads) is cancelled by PostgreSQL and answered 503 in the dialect's own shape, instead of holding its request
 * and its connection for as long as it runs. Once the table is free the same request is served.
 */
@TestPropertySource(properties = "membership.query.timeout=PT1S")
class QueryTimeoutApiTest extends ApiTestSupport {

    @Autowired
    DataSource dataSource;

    @Test
    void aQueryOverItsTimeIsCancelledAndAnswered503_inTheDialectsShape() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String users = "/workspace/orgs/" + org + "/members/users";
        String audit = "/v1/organizations/" + org + "/audit";
        assertThat(asOwner.get(users).status()).isEqualTo(200);

        HttpResult evo = whileLocked("read.member_v1", () -> asOwner.get(users));
        // the access check reads the members, the page the audit log: only the page waits here
        HttpResult nativeAudit = whileLocked("read.audit_v1", () -> asOwner.get(audit));

        assertThat(evo.status()).as(evo.toString()).isEqualTo(503);
        assertThat(evo.json().path("status").asInt()).isEqualTo(503);
        assertThat(evo.json().path("type").asText()).startsWith("https://seequent.com/error-codes/workspace-service/");
        assertThat(evo.json().path("detail").asText()).contains("took longer than it may");
        assertThat(evo.headers().allValues("Retry-After")).containsExactly("1");
        assertThat(nativeAudit.status()).as(nativeAudit.toString()).isEqualTo(503);
        assertThat(nativeAudit.header("Content-Type")).startsWith("application/problem+json");
        assertThat(nativeAudit.json().path("code").asText()).isEqualTo("UNAVAILABLE");
        assertThat(nativeAudit.json().path("detail").asText()).contains("took longer than it may");
        // the locks were held until the answers came: without the cancellation the requests would have waited until
        // the test client gave up (30 s) and failed the test
        HttpResult served = asOwner.get(users);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json().path("results")).isNotEmpty();
        assertThat(asOwner.get(audit).status()).isEqualTo(200);
    }

    /** The answer to a request sent while another transaction holds the table in ACCESS EXCLUSIVE mode. */
    private HttpResult whileLocked(String table, Supplier<HttpResult> request) throws Exception {
        try (Connection holder = dataSource.getConnection(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            try {
                return request.get();
            } finally {
                holder.rollback();
            }
        }
    }
}
