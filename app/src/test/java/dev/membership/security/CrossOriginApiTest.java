package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A browser page of an allowed origin may call the API with a bearer token and read the headers it needs; a
 * preflight from any other origin is refused in the path's dialect, not with a plain-text 403.
 */
@TestPropertySource(properties = "membership.http.cors.allowed-origins=https://app.example, https://admin.example")
class CrossOriginApiTest extends ApiTestSupport {

    @Test
    void aPreflightFromAnAllowedOrigin_isAnswered_andTheRequestThatFollowsCarriesItsHeaders() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String path = "/v1/organizations/" + org + "/groups";

        HttpResult preflight = http.anonymous().header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
                .send("OPTIONS", path, null);
        HttpResult created = http.as(TestTokens.user(owner)).header("Origin", "https://app.example")
                .post(path, "{\"name\": \"From the browser\"}");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("idempotency-key");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(created.header("Access-Control-Expose-Headers")).contains("Location").contains("Idempotent-Replayed");
        HttpResult refused = http.as(TestTokens.user(owner)).header("Origin", "https://app.example")
                .post("/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups", "{\"name\": \"\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("x-should-retry")).isEqualTo("false");
        assertThat(refused.header("Access-Control-Expose-Headers")).as("Cloudflare's client in a browser reads it")
                .containsIgnoringCase("x-should-retry");
    }

    @Test
    void aPreflightFromAnotherOrigin_isRefusedInTheDialectOfItsPath() {
        UUID org = createOrganization(email("owner"));

        for (String path : List.of("/workspace/orgs/" + org + "/members/users", "/docspace/" + org + "/api/2.0/group",
                "/client/v4/accounts/" + org + "/members", "/v1/organizations/" + org)) {
            HttpResult refused = http.anonymous().header("Origin", "https://elsewhere.example")
                    .header("Access-Control-Request-Method", "GET").send("OPTIONS", path, null);

            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(ErrorShapes.problemWith(path, refused)).as(path).isNull();
            assertThat(refused.header("Access-Control-Allow-Origin")).as(path).isNull();
        }
    }

    @Test
    void refusalsGivenBeforeTheSecurityChain_carryTheHeaders_soThePageCanReadThem() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String path = "/v1/organizations/" + org + "/groups";
        long before = allEvents();

        HttpResult tooLarge = http.as(TestTokens.user(owner)).header("Origin", "https://admin.example")
                .post(path, "x".repeat(1_048_577));
        HttpResult badReason = http.as(TestTokens.user(owner)).header("Origin", "https://admin.example")
                .header("X-Audit-Reason", "x".repeat(501)).post(path, "{\"name\": \"From the browser\"}");

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(badReason.status()).isEqualTo(422);
        for (HttpResult refused : List.of(tooLarge, badReason)) {
            assertThat(ErrorShapes.problemWith(path, refused)).isNull();
            assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo("https://admin.example");
            assertThat(refused.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
            assertThat(refused.header("X-Request-Id")).isNotBlank();
        }
        assertThat(allEvents()).isEqualTo(before);
    }
}
