package dev.membership.web.evo.membership;

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

/** Evo E3 (update roles) and E4 (remove user), with their deprecated twins. */
class EvoUserLifecycleApiTest extends ApiTestSupport {

    private String owner;
    private UUID org;
    private String base;
    private Http asOwner;

    @BeforeEach
    void organization() {
        owner = email("owner");
        org = createOrganization(owner);
        base = "/workspace/orgs/" + org;
        asOwner = http.as(TestTokens.user(owner));
    }

    @Test
    void updateRoles_replacesTheRolesAndAnswersTheUserWithResolvedRoles_ignoringTheSdksUserIdField() {
        String member = email("member");
        String userId = join(org, owner, member, "User");
        String admin = roleId(org, owner, "Admin");
        String auditor = roleId(org, owner, "Auditor");

        HttpResult updated = asOwner.patch(base + "/members/users/" + userId,
                "{\"user_id\": \"" + userId + "\", \"roles\": [\"" + auditor + "\", \"" + admin + "\"]}");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("id").asText()).isEqualTo(userId);
        assertThat(updated.json().get("roles")).extracting(r -> r.get("name").asText()).containsExactly("Admin", "Auditor");
        assertThat(updated.json().get("roles").get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name", "description");
        JsonNode listed = asOwner.get(base + "/members/users").json().get("results");
        assertThat(listed).filteredOn(u -> u.get("id").asText().equals(userId))
                .extracting(u -> u.get("roles").get(0).get("name").asText()).containsExactly("Admin");
    }

    @Test
    void updateRoles_toTheRolesHeldAlready_answers200_andWritesNothing() {
        String userId = join(org, owner, email("member"), "User");
        long before = eventsOf(org);

        HttpResult same = asOwner.patch(base + "/members/users/" + userId, "{\"roles\": [\"" + roleId(org, owner, "User") + "\"]}");

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("roles")).extracting(r -> r.get("name").asText()).containsExactly("User");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void updateRoles_deprecatedTwinAnswersByteForByteLikeTheCurrentRoute() {
        String userId = join(org, owner, email("member"), "User");
        String body = "{\"roles\": [\"" + roleId(org, owner, "Admin") + "\"]}";

        HttpResult current = asOwner.patch(base + "/members/users/" + userId, body);
        HttpResult deprecated = asOwner.patch(base + "/members/" + userId, body);

        assertThat(current.status()).isEqualTo(200);
        assertThat(deprecated.status()).isEqualTo(200);
        assertThat(deprecated.body()).isEqualTo(current.body());
        HttpResult currentMissing = asOwner.patch(base + "/members/users/" + UUID.randomUUID(), body);
        HttpResult deprecatedMissing = asOwner.patch(base + "/members/" + UUID.randomUUID(), body);
        assertThat(deprecatedMissing.body()).isEqualTo(currentMissing.body());
    }

    @Test
    void updateRoles_isRefused_withStatus409AndNoEvent_forTakingOwnerFromTheLastOwner() {
        String ownerId = userId(org, owner, owner);
        long before = eventsOf(org);

        HttpResult refused = asOwner.patch(base + "/members/users/" + ownerId,
                "{\"roles\": [\"" + roleId(org, owner, "Admin") + "\"]}");

        assertEvoError(refused, 409, "last-owner");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void updateRoles_isRefused_withStatus403AndNoEvent_forAnAdminGrantingOwner() {
        String admin = email("admin");
        join(org, owner, admin, "Admin");
        String member = join(org, owner, email("member"), "User");
        long before = eventsOf(org);

        HttpResult refused = http.as(TestTokens.user(admin)).patch(base + "/members/users/" + member,
                "{\"roles\": [\"" + roleId(org, owner, "Owner") + "\"]}");

        assertEvoError(refused, 403, "owner-required");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void updateRoles_answers422_forUnknownRolesEmptyRolesAndMalformedIds_andNotFoundForAStranger() {
        String userId = join(org, owner, email("member"), "User");
        long before = eventsOf(org);

        assertEvoError(asOwner.patch(base + "/members/users/" + userId, "{\"roles\": [\"" + UUID.randomUUID() + "\"]}"),
                422, "role-not-found");
        assertEvoError(asOwner.patch(base + "/members/users/" + userId, "{\"roles\": []}"), 422, "invalid-request");
        assertEvoError(asOwner.patch(base + "/members/users/" + userId, "{\"roles\": [\"nope\"]}"), 422, "invalid-request");
        assertEvoError(asOwner.patch(base + "/members/users/not-a-uuid", "{\"roles\": []}"), 422, "invalid-request");
        assertEvoError(asOwner.patch(base + "/members/users/" + UUID.randomUUID(),
                "{\"roles\": [\"" + roleId(org, owner, "User") + "\"]}"), 404, "user-not-found");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void removeUser_answers204WithNoBody_andTheUserIsGoneFromTheList() {
        String member = email("member");
        String userId = join(org, owner, member, "User");

        HttpResult removed = asOwner.delete(base + "/members/users/" + userId);

        assertThat(removed.status()).isEqualTo(204);
        assertThat(removed.body()).isEmpty();
        assertThat(asOwner.get(base + "/members/users").json().get("results"))
                .extracting(u -> u.get("email").asText()).doesNotContain(member);
        assertEvoError(asOwner.delete(base + "/members/users/" + userId), 404, "user-not-found");
    }

    @Test
    void removeUser_deprecatedTwinAnswersLikeTheCurrentRoute() {
        String first = join(org, owner, email("first"), "User");
        String second = join(org, owner, email("second"), "User");

        HttpResult current = asOwner.delete(base + "/members/users/" + first);
        HttpResult deprecated = asOwner.delete(base + "/members/" + second);

        assertThat(deprecated.status()).isEqualTo(current.status()).isEqualTo(204);
        assertThat(deprecated.body()).isEqualTo(current.body()).isEmpty();
        assertThat(asOwner.delete(base + "/members/" + second).body())
                .isEqualTo(asOwner.delete(base + "/members/users/" + second).body());
    }

    @Test
    void removeUser_isRefused_withStatus409AndNoEvent_forTheLastOwner() {
        long before = eventsOf(org);

        assertEvoError(asOwner.delete(base + "/members/users/" + userId(org, owner, owner)), 409, "last-owner");
        assertThat(eventsOf(org)).isEqualTo(before);
    }

    @Test
    void writes_areRefused_withStatus403_forAMemberWithOnlyTheUserRole_and404ForAStranger() {
        String member = email("member");
        String memberId = join(org, owner, member, "User");
        String stranger = email("stranger");
        createOrganization(stranger);
        long before = eventsOf(org);
        String body = "{\"roles\": [\"" + roleId(org, owner, "Admin") + "\"]}";

        assertEvoError(http.as(TestTokens.user(member)).patch(base + "/members/users/" + memberId, body), 403, "forbidden");
        assertEvoError(http.as(TestTokens.user(member)).delete(base + "/members/users/" + memberId), 403, "forbidden");
        assertEvoError(http.as(TestTokens.user(stranger)).patch(base + "/members/users/" + memberId, body), 404,
                "organization-not-found");
        assertEvoError(http.as(TestTokens.user(stranger)).delete(base + "/members/" + memberId), 404, "organization-not-found");
        assertEvoError(http.anonymous().delete(base + "/members/users/" + memberId), 401, "unauthenticated");
        assertThat(eventsOf(org)).isEqualTo(before);
    }
}
