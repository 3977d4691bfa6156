package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Requests are measured as a whole; Spring Security's per-filter, authentication and authorization timers are off. */
class SecurityObservationsApiTest extends ApiTestSupport {

    @Autowired
    private MeterRegistry meters;

    @Test
    void anAuthenticatedRequest_isMeasured_withoutTimersForEachSecurityStep() {
        String owner = email("owner");
        UUID org = createOrganization(owner);

        assertThat(http.as(TestTokens.user(owner)).get("/workspace/orgs/" + org + "/members/users").status()).isEqualTo(200);

        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("spring.security."));
    }
}
