package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.HttpResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With tokens verified against an identity provider's keys, a provider out of reach is the service's trouble for
 * now, not the client's nor a fault: 503 with Retry-After in the path's dialect, not 500.
 */
@TestPropertySource(properties = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/keys")
class IdentityProviderOutOfReachApiTest extends ApiTestSupport {

    @Test
    void aTokenThatCannotBeVerifiedForNow_is503WithRetryAfter_inEveryDialect() {
        UUID org = UUID.randomUUID();
        String token = part("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"key-1\"}") + "."
                + part("{\"sub\":\"someone\",\"email\":\"someone@acme.test\",\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond() + "}")
                + "." + part("not a signature");

        for (String path : new String[] {"/workspace/orgs/" + org + "/members/users", "/docspace/" + org + "/api/2.0/group",
                "/client/v4/accounts/" + org.toString().replace("-", "") + "/members", "/v1/organizations/" + org}) {
            HttpResult answer = http.as(token).get(path);

            assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(503);
            assertThat(answer.header("Retry-After")).as(path).isEqualTo("1");
            assertThat(ErrorShapes.shapeProblem(path, answer)).as(path).isNull();
        }
    }

    private static String part(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
