package dev.membership.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * An audit export reads from one transaction on its own connection for as long as its client reads, so a bounded
 * number run at once: one whose turn does not come in time answers 503 in the native shape, while the audit log's
 * JSON pages are served. A streamed export keeps its turn until its last byte is written, not only while its request
 * thread runs.
 */
class AuditExportLimitApiTest extends ApiTestSupport {

    @Autowired
    FilterRegistrationBean<ConcurrencyLimitFilter> auditExportLimitFilter;

    @Value("${membership.audit.max-concurrent-exports:2}")
    int limit;

    @Test
    void anExportBeyondTheLimitAnswers503WhenItsTurnDoesNotCome_whilePagesOfTheLogAreServed() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        awaitAudit();
        Http asOwner = http.as(TestTokens.user(owner));
        String audit = "/v1/organizations/" + org + "/audit";

        // other exports being read: they hold every turn until they are released
        HttpResult refused;
        HttpResult page;
        try (HeldTurns held = new HeldTurns(auditExportLimitFilter.getFilter(), limit, () -> {
            MockHttpServletRequest export = new MockHttpServletRequest("GET", audit);
            export.addHeader("Accept", "text/csv");
            return export;
        })) {
            refused = asOwner.header("Accept", "text/csv").get(audit); // after the wait (MEMBERSHIP_AUDIT_EXPORT_WAIT)
            page = asOwner.get(audit);
        }

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("code").asText()).isEqualTo("UNAVAILABLE");
        assertThat(refused.json().path("detail").asText()).contains("Too many audit exports");
        assertThat(refused.headers().allValues("Retry-After")).containsExactly("1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("items")).isNotEmpty();
        HttpResult exported = asOwner.header("Accept", "text/csv").get(audit);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.body().lines().count()).isEqualTo(1 + page.json().path("items").size());
        // the turn is given back when the server completes the answer, which may be just after the client has it all
        long settled = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (auditExportLimitFilter.getFilter().inProgress() > 0 && System.nanoTime() < settled) {
            Thread.sleep(10);
        }
        assertThat(auditExportLimitFilter.getFilter().inProgress()).isZero();
    }

    @Test
    void aStreamedExportKeepsItsTurnUntilItsAnswerIsComplete() throws Exception {
        ConcurrencyLimitFilter filter = auditExportLimitFilter.getFilter();
        MockHttpServletRequest export = new MockHttpServletRequest("GET", "/v1/organizations/" + UUID.randomUUID() + "/audit");
        export.addHeader("Accept", "application/x-ndjson");
        export.setAsyncSupported(true);

        filter.doFilter(export, new MockHttpServletResponse(), (request, response) -> request.startAsync());
        int whileStreaming = filter.inProgress();
        export.getAsyncContext().complete();

        assertThat(whileStreaming).isEqualTo(1);
        assertThat(filter.inProgress()).isZero();
    }

    /** The limit judges a request an export exactly when the route answers it with CSV or NDJSON. */
    @Test
    void theLimitCountsEveryExport_asTheRouteJudgesItsAccept_andNothingElse() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String audit = "/v1/organizations/" + org + "/audit";

        for (String accept : List.of("text/csv", "TEXT/CSV", "text/*", "application/x-ndjson", "application/json;q=0, */*",
                "application/json", "*/*", "application/*", "application/json, text/csv;q=0.5", "")) {
            String answered = asOwner.header("Accept", accept.isEmpty() ? null : accept).get(audit).header("Content-Type");
            boolean exported = !answered.startsWith("application/json");
            MockHttpServletRequest request = new MockHttpServletRequest("GET", audit);
            if (!accept.isEmpty()) {
                request.addHeader("Accept", accept);
            }
            MockHttpServletRequest head = new MockHttpServletRequest("HEAD", audit);
            if (!accept.isEmpty()) {
                head.addHeader("Accept", accept);
            }

            assertThat(HttpConfiguration.exportsTheAuditLog(request)).as("'%s', answered as %s", accept, answered)
                    .isEqualTo(exported);
            assertThat(HttpConfiguration.exportsTheAuditLog(head)).as("HEAD '%s'", accept).isEqualTo(exported);
        }
        MockHttpServletRequest history = new MockHttpServletRequest("GET", audit.replace("/audit", "/users/" + UUID.randomUUID() + "/history"));
        history.addHeader("Accept", "text/csv");
        assertThat(HttpConfiguration.exportsTheAuditLog(history)).isFalse();
    }
}
