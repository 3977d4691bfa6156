package dev.membership.web.v1.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrganizationApiTest extends ApiTestSupport {

    @Test
    void create_returnsOrganizationWithOwnerAndCatalogue_withStatus201_forPlatformAdmin() {
        String owner = email("owner");
        UUID id = UUID.randomUUID();
        HttpResult created = http.as(TestTokens.platformAdmin()).post("/v1/organizations",
                "{\"id\":\"" + id + "\",\"name\":\"Acme\",\"ownerEmail\":\"" + owner.toUpperCase() + "\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/v1/organizations/" + id);
        JsonNode body = created.json();
        assertThat(body.get("id").asText()).isEqualTo(id.toString());
        assertThat(body.get("name").asText()).isEqualTo("Acme");
        assertThat(body.get("memberCount").asLong()).isEqualTo(1);
        assertThat(body.get("roles")).extracting(role -> role.get("name").asText())
                .containsExactly("Owner", "Admin", "Auditor", "User");
        assertThat(body.get("roles").get(0).get("permissions")).isNotEmpty();

        HttpResult read = http.as(TestTokens.user(owner)).get("/v1/organizations/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asText()).isEqualTo("Acme");
    }

    @Test
    void create_isRefused_withStatus403_forCallerWithoutPlatformAdminScope() {
        long before = allEvents();
        HttpResult refused = http.as(TestTokens.user(email("someone"))).post("/v1/organizations",
                "{\"name\":\"Acme\",\"ownerEmail\":\"" + email("owner") + "\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void create_isRefused_withStatus409_forAnIdThatExists() {
        String owner = email("owner");
        UUID id = createOrganization(owner);
        long before = allEvents();

        HttpResult conflict = http.as(TestTokens.platformAdmin()).post("/v1/organizations",
                "{\"id\":\"" + id + "\",\"name\":\"Again\",\"ownerEmail\":\"" + email("other") + "\"}");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("code").asText()).isEqualTo("ORGANIZATION_ALREADY_EXISTS");
        assertThat(allEvents()).isEqualTo(before);
    }

    /** Ids are one space for every record: a group's id is taken too, and the refusal does not call it an organization. */
    @Test
    void create_isRefused_withStatus409_forAGroupsId_sayingTheIdIsTaken() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String groupId = http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups", "{\"name\": \"Taken\"}")
                .json().get("id").asText();
        long before = allEvents();

        HttpResult conflict = http.as(TestTokens.platformAdmin()).post("/v1/organizations",
                "{\"id\":\"" + groupId + "\",\"name\":\"Again\",\"ownerEmail\":\"" + email("other") + "\"}");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("detail").asText()).contains("in use already").contains("a group");
        assertThat(http.as(TestTokens.platformAdmin()).get("/v1/organizations/" + groupId).status()).isEqualTo(404);
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void create_isRefused_withStatus422_forMissingNameAndInvalidEmail() {
        long before = allEvents();
        HttpResult invalid = http.as(TestTokens.platformAdmin()).post("/v1/organizations",
                "{\"name\":\"  \",\"ownerEmail\":\"not-an-email\"}");

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("invalidParams")).extracting(p -> p.get("name").asText())
                .containsExactlyInAnyOrder("name", "ownerEmail");
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void create_isRefused_withStatus422_forTheNilId() {
        long before = allEvents();
        HttpResult refused = http.as(TestTokens.platformAdmin()).post("/v1/organizations",
                "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"name\":\"Nil\",\"ownerEmail\":\"" + email("owner") + "\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("invalidParams").get(0).get("name").asText()).isEqualTo("id");
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void create_isRefused_withStatus400_forMalformedJson() {
        long before = allEvents();
        HttpResult malformed = http.as(TestTokens.platformAdmin()).post("/v1/organizations", "{\"name\": ");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void get_answers404_forCallerWhoIsNotAMember() {
        UUID id = createOrganization(email("owner"));

        HttpResult hidden = http.as(TestTokens.user(email("stranger"))).get("/v1/organizations/" + id);
        HttpResult missing = http.as(TestTokens.user(email("stranger"))).get("/v1/organizations/" + UUID.randomUUID());

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(hidden.json().get("detail")).isEqualTo(missing.json().get("detail"));
    }

    @Test
    void get_answers401_withoutToken() {
        HttpResult anonymous = http.anonymous().get("/v1/organizations/" + UUID.randomUUID());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }
}
