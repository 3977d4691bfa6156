package dev.membership.web.v1.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Invitations expire through the sweep of those that are due; here they live six seconds. */
@TestPropertySource(properties = {"membership.invitations.time-to-live=PT6S", "membership.invitations.expiry-sweep=PT0.5S"})
class InvitationExpiryApiTest extends ApiTestSupport {

    @Test
    void anExpiredInvitation_isNoLongerListed_andCannotBeAccepted() throws InterruptedException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String invitee = email("invitee");
        String invitationId = asOwner.post("/workspace/orgs/" + org + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(invitee, roleId(org, owner, "User")))
                .json().get("invitations").get(0).get("id").asText();
        assertThat(asOwner.get("/workspace/orgs/" + org + "/members/invitations").json().get("results")).hasSize(1);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (eventsOf(org, "InvitationExpiredEvent") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }

        assertThat(eventsOf(org, "InvitationExpiredEvent")).as("the expiry sweep ran").isEqualTo(1);
        assertThat(asOwner.get("/workspace/orgs/" + org + "/members/invitations").json().get("results")).isEmpty();
        long before = eventsOf(org);
        HttpResult refused = http.as(TestTokens.user(invitee)).post("/v1/invitations/" + invitationId + "/accept", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("INVITATION_EXPIRED");
        assertThat(eventsOf(org)).isEqualTo(before);
    }
}
