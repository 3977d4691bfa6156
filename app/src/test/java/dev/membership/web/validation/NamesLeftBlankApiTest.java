package dev.membership.web.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A person's name is known across organizations: an optional name left blank (an owner's, a directory member's, a
 * token's) is not given, and leaves the name known as it was rather than making it empty.
 */
class NamesLeftBlankApiTest extends ApiTestSupport {

    @Test
    void anOwnerNameOrDirectoryNameLeftBlank_keepsThePersonsNameAsKnown() {
        String ann = email("ann");
        UUID first = createOrganizationOwnedBy(ann, "\"Ann Example\"");

        UUID second = createOrganizationOwnedBy(ann, "\"   \"");
        HttpResult provisioned = http.as(TestTokens.platformAdmin()).put("/v1/directory/groups/blank-" + UUID.randomUUID(),
                "{\"name\": \"Blank names\", \"federated\": false, \"members\": [{\"email\": \"" + ann + "\", \"fullName\": \"\"}]}");
        UUID third = createOrganizationOwnedBy(ann, "null");

        assertThat(provisioned.status()).isEqualTo(201);
        for (UUID org : new UUID[] {first, second, third}) {
            assertThat(fullName(org, ann, ann)).as("in %s", org).isEqualTo("Ann Example");
        }
    }

    @Test
    void aTokensNameThatShowsNothing_isNoName_andTheNameKnownIsKept() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String carol = email("carol");
        String blank = invite(org, owner, carol, "User");
        HttpResult provisioned = http.as(TestTokens.platformAdmin()).put("/v1/directory/groups/carol-" + UUID.randomUUID(),
                "{\"name\": \"Carol's\", \"federated\": false, \"members\": [{\"email\": \"" + carol + "\", \"fullName\": \"Carol Known\"}]}");
        assertThat(provisioned.status()).isEqualTo(201);
        String dave = email("dave");
        String invisible = invite(org, owner, dave, "User");

        HttpResult acceptedBlank = http.as(TestTokens.withClaims(carol, carol, "   ")).post("/v1/invitations/" + blank + "/accept", null);
        HttpResult acceptedInvisible = http.as(TestTokens.withClaims(dave, dave, "\u200b\u200b"))
                .post("/v1/invitations/" + invisible + "/accept", null);

        assertThat(acceptedBlank.status()).isEqualTo(200);
        assertThat(acceptedInvisible.status()).isEqualTo(200);
        assertThat(fullName(org, owner, carol)).isEqualTo("Carol Known");
        assertThat(fullName(org, owner, dave)).as("Evo's stand-in for a name not known").isEqualTo(dave);
    }

    private UUID createOrganizationOwnedBy(String owner, String ownerNameJson) {
        HttpResult created = http.as(TestTokens.platformAdmin()).post("/v1/organizations",
                "{\"name\": \"Org\", \"ownerEmail\": \"" + owner + "\", \"ownerName\": " + ownerNameJson + "}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    /** The member's name as Evo's E1 shows it. */
    private String fullName(UUID org, String ownerEmail, String email) {
        for (JsonNode user : http.as(TestTokens.user(ownerEmail)).get("/workspace/orgs/" + org + "/members/users?limit=100")
                .json().get("results")) {
            if (user.get("email").asText().equals(email)) {
                return user.get("full_name").asText();
            }
        }
        throw new AssertionError(email + " is not a member of " + org);
    }
}
