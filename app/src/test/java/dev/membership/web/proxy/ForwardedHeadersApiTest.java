package dev.membership.web.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A proxy on an internal address (this test's loopback, by Tomcat's default) names the scheme and host that answers'
 * links carry; forwarded values that are not valid are ignored rather than refused, and never fail a request.
 */
class ForwardedHeadersApiTest extends ApiTestSupport {

    private Http asOwner;
    private String users;

    @BeforeEach
    void organization() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        asOwner = http.as(TestTokens.user(owner));
        users = "/workspace/orgs/" + org + "/members/users?limit=1";
    }

    @Test
    void aProxyOnAnInternalAddress_namesTheSchemeAndHostOfTheLinks() {
        HttpResult page = asOwner.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "members.example")
                .get(users);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("links").get("first").asText()).startsWith("https://members.example/workspace/orgs/");
    }

    @Test
    void forwardedValuesThatAreNotValid_areIgnored_andTheRequestIsAnswered() {
        String direct = asOwner.get(users).json().get("links").get("first").asText();

        for (String[] header : new String[][] {{"X-Forwarded-Prefix", "nope"}, {"X-Forwarded-Prefix", "x y"},
                {"X-Forwarded-Port", "abc"}, {"X-Forwarded-Port", "99999999999"}, {"X-Forwarded-Host", "[::1"},
                {"X-Forwarded-Host", "a b"}, {"X-Forwarded-Host", "evil.example:abc"}}) {
            HttpResult page = asOwner.header(header[0], header[1]).get(users);

            assertThat(page.status()).as("%s: %s", header[0], header[1]).isEqualTo(200);
            assertThat(page.json().get("links").get("first").asText()).as("%s: %s", header[0], header[1]).isEqualTo(direct);
        }
    }
}
