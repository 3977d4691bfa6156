package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Health and info are public; any other management endpoint an operator exposes (here the metrics) is for platform
 * admins only, not for every holder of a token.
 */
@TestPropertySource(properties = "management.endpoints.web.exposure.include=health,info,metrics")
class ManagementEndpointsApiTest extends ApiTestSupport {

    @Test
    void anExposedManagementEndpoint_isForPlatformAdminsOnly_whileHealthStaysPublic() {
        HttpResult asMember = http.as(TestTokens.user(email("member"))).get("/actuator/metrics");
        HttpResult asAdmin = http.as(TestTokens.platformAdmin()).get("/actuator/metrics");

        assertThat(http.anonymous().get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(asMember.status()).isEqualTo(403);
        assertThat(asMember.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.json().get("names")).isNotEmpty();
        assertThat(http.as(TestTokens.user(email("member"))).get("/actuator").status()).isEqualTo(403);
        assertThat(http.anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(http.anonymous().get("/actuator/info").status()).isEqualTo(200);
    }

    @Test
    void anUnknownHealthComponentOrMetric_answers404WithTheNativeErrorBody() {
        HttpResult component = http.anonymous().get("/actuator/health/no-such-component");
        HttpResult metric = http.as(TestTokens.platformAdmin()).get("/actuator/metrics/no.such.metric");

        assertThat(component.status()).isEqualTo(404);
        assertThat(component.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(metric.status()).isEqualTo(404);
        assertThat(metric.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(http.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
