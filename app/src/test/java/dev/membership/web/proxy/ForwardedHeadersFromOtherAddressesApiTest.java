package dev.membership.web.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Forwarded headers from an address that is not a known proxy are not believed: a client cannot name the links' host. */
@TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=192\\.0\\.2\\.1")
class ForwardedHeadersFromOtherAddressesApiTest extends ApiTestSupport {

    @Test
    void aClientNamingAHost_getsLinksToTheHostItReached() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String users = "/workspace/orgs/" + org + "/members/users?limit=1";
        String direct = asOwner.get(users).json().get("links").get("first").asText();

        String named = asOwner.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "attacker.example")
                .get(users).json().get("links").get("first").asText();

        assertThat(direct).startsWith("http://localhost:");
        assertThat(named).isEqualTo(direct);
    }
}
