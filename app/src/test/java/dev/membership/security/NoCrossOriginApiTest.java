package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With no origins configured, the default, every preflight is refused in its dialect; same-origin calls are unchanged. */
class NoCrossOriginApiTest extends ApiTestSupport {

    @Test
    void aPreflight_isRefusedInTheDialectOfItsPath_withOrWithoutAToken() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String path = "/client/v4/accounts/" + org + "/members";

        HttpResult anonymous = http.anonymous().header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "GET").send("OPTIONS", path, null);
        HttpResult withToken = http.as(TestTokens.user(owner)).header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "GET").send("OPTIONS", path, null);

        for (HttpResult refused : new HttpResult[] {anonymous, withToken}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(ErrorShapes.problemWith(path, refused)).isNull();
        }
        assertThat(http.as(TestTokens.user(owner)).get(path).status()).isEqualTo(200);
    }
}
