package dev.membership.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A method a route does not serve is refused in the route's dialect, naming the methods it does serve. */
class MethodNotAllowedApiTest extends ApiTestSupport {

    @Test
    void aMethodTheRouteDoesNotServe_is405_withTheMethodsItServesInAllow_inEveryDialect() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        Map<String, String> routes = Map.of(
                "/workspace/orgs/" + org + "/members/users", "PUT",
                "/docspace/" + org + "/api/2.0/group", "PATCH",
                "/client/v4/accounts/" + org.toString().replace("-", "") + "/members", "PUT",
                "/v1/organizations/" + org + "/audit", "DELETE");

        routes.forEach((path, method) -> {
            HttpResult refused = asOwner.send(method, path, null);

            assertThat(refused.status()).as(method + " " + path).isEqualTo(405);
            assertThat(refused.header("Allow")).as(method + " " + path).isNotNull();
            assertThat(Arrays.stream(refused.header("Allow").split(",")).map(String::trim))
                    .as(method + " " + path).contains("GET").doesNotContain(method);
        });
    }

    @Test
    void traceRefusedByTheServer_is405_namingThePathThatWasAsked_notTheErrorPage() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String path = "/v1/organizations/" + org;

        HttpResult refused = http.as(TestTokens.user(owner)).send("TRACE", path, null);

        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.header("Allow")).doesNotContain("TRACE");
        assertThat(refused.json().get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(refused.json().get("instance").asText()).isEqualTo(path);
    }
}
