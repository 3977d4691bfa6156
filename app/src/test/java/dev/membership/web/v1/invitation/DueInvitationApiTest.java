package dev.membership.web.v1.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * An invitation past its expiry that the sweep has not ended yet (here it sweeps once an hour) is over all the same:
 * inviting its person again, directly or through a directory link, ends it and invites them afresh, and the history
 * shows it pending only until its expiry.
 */
@TestPropertySource(properties = {"membership.invitations.time-to-live=PT2S", "membership.invitations.expiry-sweep=PT1H"})
class DueInvitationApiTest extends ApiTestSupport {

    @Test
    void invitingAgainAfterTheExpiry_endsTheOldInvitation_andSendsANewOne() throws InterruptedException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String invitee = email("late");
        String first = invite(org, owner, invitee, "User");
        Thread.sleep(2_500);

        HttpResult again = asOwner.post("/workspace/orgs/" + org + "/members/users",
                "{\"users\": [{\"email\": \"" + invitee + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}");

        assertThat(again.status()).isEqualTo(201);
        String second = again.json().get("invitations").get(0).get("id").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(eventsOf(org, "InvitationExpiredEvent")).isEqualTo(1);
        assertThat(http.as(TestTokens.user(invitee)).post("/v1/invitations/" + first + "/accept", null).json().get("code")
                .asText()).isEqualTo("INVITATION_EXPIRED");
    }

    @Test
    void aDirectoryLinkReachingSomeoneWhoseInvitationIsPastItsExpiry_invitesThemAfresh() throws InterruptedException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner)).header("API-Preview", "opt-in");
        String invitee = email("late");
        String first = invite(org, owner, invitee, "User");
        String directoryGroup = "ims-" + UUID.randomUUID();
        assertThat(http.as(TestTokens.platformAdmin()).put("/v1/directory/groups/" + directoryGroup,
                "{\"name\": \"Late\", \"federated\": false, \"members\": [{\"email\": \"" + invitee + "\"}]}").status())
                .isEqualTo(201);
        String groupId = asOwner.post("/v1/organizations/" + org + "/groups", "{\"name\": \"Linked\"}").json().get("id").asText();
        Thread.sleep(2_500);

        JsonNode linked = asOwner.patch("/workspace/orgs/" + org + "/members/groups/" + groupId,
                "{\"ims_groups\": [\"" + directoryGroup + "\"]}").json();

        assertThat(linked.get("invitations")).singleElement().satisfies(invitation -> {
            assertThat(invitation.get("email").asText()).isEqualTo(invitee);
            assertThat(invitation.get("id").asText()).isNotEqualTo(first);
        });
        assertThat(eventsOf(org, "InvitationExpiredEvent")).isEqualTo(1);
        JsonNode members = asOwner.get("/v1/organizations/" + org + "/groups/" + groupId).json().get("members");
        assertThat(members).singleElement().satisfies(member ->
                assertThat(member.get("membershipId").asText()).isEqualTo(linked.get("invitations").get(0).get("id").asText()));
    }

    @Test
    void pastItsExpiry_butBeforeTheSweep_theInvitationIsLeftOutOfAsOfViewsAndTheOrganizationsCount() throws InterruptedException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String invitee = email("late");
        String invitation = invite(org, owner, invitee, "User");
        String groupId = asOwner.post("/docspace/" + org + "/api/2.0/group",
                "{\"groupName\": \"Crew\", \"members\": [\"" + invitation + "\"]}").json().get("response").get("id").asText();
        Instant expiresAt = jdbc.sql("SELECT expires_at FROM read.member_v1 WHERE membership_id = :id")
                .param("id", UUID.fromString(invitation)).query(java.sql.Timestamp.class).single().toInstant();
        Instant beforeExpiry = expiresAt.minusMillis(500);
        Instant afterExpiry = expiresAt.plusMillis(1);
        // the service's own sweep runs once an hour here; the test contexts Spring keeps for other classes sweep the
        // same database every few seconds, so the checks that could see a recorded expiry run as the time is up, and
        // hold either way (an expiry recorded before the instant asked for leaves the invitation out too)
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis() + 20));

        assertThat(asOwner.get("/v1/organizations/" + org).json().get("invitationCount").asLong())
                .as("the organization counts no invitation past its time").isZero();
        assertThat(emails(asOwner, "/v1/organizations/" + org + "/members?asOf=" + enc(beforeExpiry)))
                .containsExactlyInAnyOrder(owner, invitee);
        assertThat(emails(asOwner, "/v1/organizations/" + org + "/groups/" + groupId + "/members?asOf=" + enc(beforeExpiry)))
                .containsExactly(invitee);
        assertThat(emails(asOwner, "/v1/organizations/" + org + "/members?asOf=" + enc(afterExpiry))).containsExactly(owner);
        assertThat(emails(asOwner, "/v1/organizations/" + org + "/members")).containsExactly(owner);
        assertThat(emails(asOwner, "/v1/organizations/" + org + "/groups/" + groupId + "/members?asOf=" + enc(afterExpiry)))
                .isEmpty();
    }

    private static List<String> emails(Http http, String path) {
        HttpResult page = http.get(path);
        assertThat(page.status()).as(path).isEqualTo(200);
        List<String> emails = new ArrayList<>();
        page.json().get("members").forEach(member -> emails.add(member.get("email").asText()));
        return emails;
    }

    private static String enc(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
