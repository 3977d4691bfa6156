package dev.membership.web.v1.invitation;

import static dev.membership.web.evo.EvoAssertions.assertEvoError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invitations from E2 to acceptance (native) or revocation (Evo E6). */
class InvitationLifecycleApiTest extends ApiTestSupport {

    private String owner;
    private UUID org;
    private Http asOwner;
    private String invitee;
    private String invitationId;

    @BeforeEach
    void invite() {
        owner = email("owner");
        org = createOrganization(owner);
        asOwner = http.as(TestTokens.user(owner));
        invitee = email("invitee");
        invitationId = asOwner.post("/workspace/orgs/" + org + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s", "%s"]}]}"""
                .formatted(invitee, roleId(org, owner, "User"), roleId(org, owner, "Auditor")))
                .json().get("invitations").get(0).get("id").asText();
    }

    @Test
    void accept_turnsTheInvitationIntoAMembershipWithItsRoles_forTheInvitedEmail() {
        HttpResult accepted = http.as(TestTokens.user(invitee.toUpperCase())).post("/v1/invitations/" + invitationId + "/accept", null);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("organizationId").asText()).isEqualTo(org.toString());
        assertThat(accepted.json().get("membershipId").asText()).isEqualTo(invitationId);
        assertThat(accepted.json().get("status").asText()).isEqualTo("accepted");
        JsonNode users = asOwner.get("/workspace/orgs/" + org + "/members/users").json().get("results");
        assertThat(users).filteredOn(u -> u.get("email").asText().equals(invitee))
                .singleElement()
                .satisfies(u -> {
                    assertThat(u.get("roles")).extracting(r -> r.get("name").asText()).containsExactly("Auditor");
                    assertThat(u.get("full_name").asText()).isEqualToIgnoringCase(invitee.substring(0, invitee.indexOf("@")));
                });
        assertThat(asOwner.get("/workspace/orgs/" + org + "/members/invitations").json().get("results")).isEmpty();
        // the new member can now read the organization
        assertThat(http.as(TestTokens.user(invitee)).get("/workspace/orgs/" + org + "/members/roles").status()).isEqualTo(200);
    }

    @Test
    void accept_isRefused_withStatus409AndNoEvent_whenAcceptedTwice() {
        assertThat(http.as(TestTokens.user(invitee)).post("/v1/invitations/" + invitationId + "/accept", null).status())
                .isEqualTo(200);
        long before = eventsOf(org);

        HttpResult again = http.as(TestTokens.user(invitee)).post("/v1/invitations/" + invitationId + "/accept", null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("INVITATION_ALREADY_ACCEPTED");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void accept_isRefused_withStatus403AndNoEvent_forAnotherEmail() {
        long before = eventsOf(org);

        HttpResult refused = http.as(TestTokens.user(email("someone-else"))).post("/v1/invitations/" + invitationId + "/accept", null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("INVITATION_EMAIL_MISMATCH");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void accept_isRefused_withStatus403AndNoEvent_forATokenWithoutAnEmail() {
        long before = eventsOf(org);

        HttpResult refused = http.as(TestTokens.withClaims("service-account-7", null, "Service"))
                .post("/v1/invitations/" + invitationId + "/accept", null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).startsWith("urn:membership:problem:");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void revoke_answers204_andTheInvitationIsNoLongerListedNorAcceptable() {
        HttpResult revoked = asOwner.delete("/workspace/orgs/" + org + "/members/invitations/" + invitationId);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(revoked.body()).isEmpty();
        assertThat(asOwner.get("/workspace/orgs/" + org + "/members/invitations").json().get("results")).isEmpty();
        long before = eventsOf(org);

        HttpResult refused = http.as(TestTokens.user(invitee)).post("/v1/invitations/" + invitationId + "/accept", null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("INVITATION_REVOKED");
        assertThat(eventsOf(org)).isEqualTo(before);
        assertEvoError(asOwner.delete("/workspace/orgs/" + org + "/members/invitations/" + invitationId), 404,
                "invitation-not-found");
        // the email can be invited again
        assertThat(asOwner.post("/workspace/orgs/" + org + "/members/users", """
                {"users": [{"email": "%s", "roles": ["%s"]}]}""".formatted(invitee, roleId(org, owner, "User"))).status())
                .isEqualTo(201);
    }

    @Test
    void revoke_isRefused_forAUserRoleMemberAndAStranger_andAnUnknownInvitationIsNotFound() {
        String member = email("member");
        join(org, owner, member, "User");
        String stranger = email("stranger");
        createOrganization(stranger);
        long before = eventsOf(org);
        String path = "/workspace/orgs/" + org + "/members/invitations/" + invitationId;

        assertEvoError(http.as(TestTokens.user(member)).delete(path), 403, "forbidden");
        assertEvoError(http.as(TestTokens.user(stranger)).delete(path), 404, "organization-not-found");
        assertEvoError(asOwner.delete("/workspace/orgs/" + org + "/members/invitations/" + UUID.randomUUID()), 404,
                "invitation-not-found");
        assertEvoError(asOwner.delete("/workspace/orgs/" + org + "/members/invitations/nope"), 422, "invalid-request");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void accept_answers404_forAnUnknownInvitation_and401WithoutToken() {
        HttpResult unknown = http.as(TestTokens.user(invitee)).post("/v1/invitations/" + UUID.randomUUID() + "/accept", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("INVITATION_NOT_FOUND");
        assertThat(http.anonymous().post("/v1/invitations/" + invitationId + "/accept", null).status()).isEqualTo(401);
        assertThat(http.as(TestTokens.user(invitee)).post("/v1/invitations/not-a-uuid/accept", null).status()).isEqualTo(422);
    }
}
