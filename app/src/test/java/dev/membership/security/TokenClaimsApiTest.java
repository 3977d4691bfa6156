package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a signed token carries is recorded with every event, so its text claims meet the rules of names too, and it
 * names its caller.
 */
class TokenClaimsApiTest extends ApiTestSupport {

    @Test
    void aSubjectWithAControlCharacterIsUnauthenticated_andNothingIsWritten() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        long before = allEvents();

        String path = "/workspace/orgs/" + org + "/members/users";
        HttpResult result = http.as(TestTokens.withClaims("owner\u0000", owner, "Owner")).get(path);

        assertThat(result.status()).isEqualTo(401);
        assertThat(ErrorShapes.problemWith(path, result)).isNull();
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void anEmailClaimWithAnInvisibleCharacter_isUnauthenticated_asTheSameEmailInABodyIsRefused() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String path = "/workspace/orgs/" + org + "/members/users";

        for (String invisible : List.of("\u200b", "\ufe0f", "\u00ad")) {
            String spoof = owner.replace("@", invisible + "@");
            HttpResult result = http.as(TestTokens.withClaims("spoofer", spoof, "Owner")).get(path);

            assertThat(result.status()).as(spoof).isEqualTo(401);
            assertThat(ErrorShapes.problemWith(path, result)).isNull();
        }
        assertThat(http.as(TestTokens.withClaims("owner", owner, "Owner")).get(path).status()).isEqualTo(200);
    }

    @Test
    void aSubjectOrEmailWithAControlCharacter_isUnauthenticated_evenForAWriteWithAnIdempotencyKey_andNoKeyIsKept() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String body = "{\"users\": [{\"email\": \"" + email("invitee") + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}";
        String path = "/workspace/orgs/" + org + "/members/users";
        long before = allEvents();
        long keys = jdbc.sql("SELECT count(*) FROM idempotency_key_v1").query(Long.class).single();

        for (String token : List.of(TestTokens.withClaims("owner\u0000", owner, "Owner"),
                TestTokens.withClaims("owner\u0007", owner, "Owner"), TestTokens.withClaims("owner", owner + "\u0000", "Owner"))) {
            HttpResult result = http.as(token).header("Idempotency-Key", UUID.randomUUID().toString()).post(path, body);

            assertThat(result.status()).as("%s", result).isEqualTo(401);
            assertThat(ErrorShapes.problemWith(path, result)).isNull();
        }
        assertThat(allEvents()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_key_v1").query(Long.class).single()).isEqualTo(keys);
    }

    @Test
    void aTokenWithoutASubjectIsUnauthenticated_evenForAWriteWithAnIdempotencyKey_andNothingIsWritten() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String body = "{\"users\": [{\"email\": \"" + email("invitee") + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}";
        long before = allEvents();

        String path = "/workspace/orgs/" + org + "/members/users";
        HttpResult result = http.as(TestTokens.withClaims(null, owner, "Owner"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).post(path, body);

        assertThat(result.status()).as("%s", result).isEqualTo(401);
        assertThat(ErrorShapes.problemWith(path, result)).isNull();
        assertThat(result.body()).contains("no subject");
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void aTokenThatNeverExpiresIsUnauthenticated_inEveryDialect() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String token = TestTokens.withoutExpiry(owner);

        for (String path : new String[] {"/workspace/orgs/" + org + "/members/users", "/docspace/" + org + "/api/2.0/group",
                "/client/v4/accounts/" + org + "/members", "/v1/organizations/" + org}) {
            HttpResult result = http.as(token).get(path);

            assertThat(result.status()).as(path).isEqualTo(401);
            assertThat(ErrorShapes.problemWith(path, result)).as(path).isNull();
            assertThat(result.header("WWW-Authenticate")).as(path).startsWith("Bearer");
        }
        assertThat(http.as(TestTokens.user(owner)).get("/v1/organizations/" + org).status()).isEqualTo(200);
    }

    @Test
    void controlCharactersInTheNameClaimAreDropped_whenTheInvitedPersonAccepts() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String invitee = email("invitee");
        String invitationId = invite(org, owner, invitee, "User");

        HttpResult accepted = http.as(TestTokens.withClaims(invitee, invitee, "Ivy\u0000 \u202eInvitee"))
                .post("/v1/invitations/" + invitationId + "/accept", null);

        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        HttpResult users = http.as(TestTokens.user(owner)).get("/workspace/orgs/" + org + "/members/users?limit=100");
        assertThat(users.body()).contains("\"full_name\":\"Ivy Invitee\"");
    }

    @Test
    void aNameClaimLongerThanANameMayBe_isCutTo200Characters_whenTheInvitedPersonAccepts() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String invitee = email("invitee");
        String invitationId = invite(org, owner, invitee, "User");

        HttpResult accepted = http.as(TestTokens.withClaims(invitee, invitee, "\uD83D\uDE00".repeat(150) + "x".repeat(150)))
                .post("/v1/invitations/" + invitationId + "/accept", null);

        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        JsonNode users = http.as(TestTokens.user(owner)).get("/workspace/orgs/" + org + "/members/users?limit=100").json()
                .get("results");
        String name = null;
        for (JsonNode user : users) {
            if (user.get("email").asText().equals(invitee)) {
                name = user.get("full_name").asText();
            }
        }
        assertThat(name).as("200 UTF-16 units, as a name in a body is counted").isEqualTo("\uD83D\uDE00".repeat(100));
    }
}
