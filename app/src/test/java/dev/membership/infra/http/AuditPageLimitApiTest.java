package dev.membership.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Pages of the audit log and the event feed, each built whole in memory, are served a bounded number at a time; one
 * whose turn does not come in time answers 503, while other reads are served.
 */
class AuditPageLimitApiTest extends ApiTestSupport {

    @Autowired
    FilterRegistrationBean<ConcurrencyLimitFilter> auditPageLimitFilter;

    @Value("${membership.audit.max-concurrent-pages}")
    int limit;

    @Test
    void aPageBeyondTheLimitWaitsItsTurn_andAnswers503WhenItDoesNotCome_otherReadsAreServed() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String audit = "/v1/organizations/" + org + "/audit";

        HttpResult refusedFeed;
        HttpResult refusedAudit;
        try (HeldTurns held = new HeldTurns(auditPageLimitFilter.getFilter(), limit,
                () -> new MockHttpServletRequest("GET", "/v1/events"))) {
            refusedFeed = asOwner.get("/v1/events?org=" + org); // after the wait (MEMBERSHIP_AUDIT_PAGE_WAIT)
            refusedAudit = asOwner.get(audit);
            assertThat(asOwner.get("/v1/organizations/" + org).status()).isEqualTo(200);
        }

        assertThat(refusedFeed.status()).isEqualTo(503);
        assertThat(refusedFeed.headers().allValues("Retry-After")).containsExactly("1");
        assertThat(refusedAudit.status()).isEqualTo(503);
        assertThat(refusedAudit.json().get("code").asText()).isEqualTo("UNAVAILABLE");
        assertThat(asOwner.get(audit).status()).isEqualTo(200);
        // a page streamed to its client gives its turn back as the server completes it, a moment after the client read it
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (auditPageLimitFilter.getFilter().inProgress() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(auditPageLimitFilter.getFilter().inProgress()).isZero();
    }

    @Test
    void theRoutesThatServePages_areThoseLimited() {
        assertThat(HttpConfiguration.readsAuditPages(new MockHttpServletRequest("GET", "/v1/events"))).isTrue();
        assertThat(HttpConfiguration.readsAuditPages(new MockHttpServletRequest("GET", "/v1/events/stream"))).isFalse();
        assertThat(HttpConfiguration.readsAuditPages(new MockHttpServletRequest("GET", "/v1/organizations/x/audit"))).isTrue();
        assertThat(HttpConfiguration.readsAuditPages(new MockHttpServletRequest("GET", "/v1/organizations/x/users/y/history")))
                .isTrue();
        assertThat(HttpConfiguration.readsAuditPages(new MockHttpServletRequest("GET", "/v1/organizations/x/groups/y/history")))
                .isTrue();
        assertThat(HttpConfiguration.readsAuditPages(new MockHttpServletRequest("GET", "/v1/organizations/x/groups/y")))
                .isFalse();
        MockHttpServletRequest export = new MockHttpServletRequest("GET", "/v1/organizations/x/audit");
        export.addHeader("Accept", "text/csv");
        assertThat(HttpConfiguration.readsAuditPages(export)).as("an export has a limit of its own").isFalse();
    }
}
