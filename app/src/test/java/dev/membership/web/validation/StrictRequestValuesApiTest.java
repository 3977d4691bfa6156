package dev.membership.web.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Ids, numbers and booleans in paths and query parameters are read as written: padded, abbreviated, hexadecimal,
 * signed or full-width forms are refused in the dialect's shape rather than read as some other value, and a refused
 * write changes nothing.
 */
class StrictRequestValuesApiTest extends ApiTestSupport {

    @Test
    void anIdNotWrittenCanonically_isRefusedInPathsAndParameters() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        UUID someone = UUID.randomUUID();

        for (String path : List.of("/v1/organizations/1-1-1-1-1", "/v1/organizations/%20" + org, "/v1/organizations/" + org + "%09",
                "/workspace/orgs/" + org + "%20/members/users", "/workspace/orgs/%20" + org + "/members/roles",
                "/docspace/%20" + org + "/api/2.0/group", "/docspace/" + org + "/api/2.0/group?userId=%20" + someone,
                "/v1/organizations/" + org + "/audit?subject=" + someone + "%20",
                "/v1/organizations/" + org + "/audit?subject=1-1-1-1-1")) {
            HttpResult refused = asOwner.get(path);

            assertThat(ErrorShapes.problemWith(path, refused)).as(path).isNull();
            assertThat(refused.status()).as(path).isIn(400, 422);
        }
        HttpResult feed = http.as(TestTokens.platformAdmin()).get("/v1/events?org=%20" + org);
        assertThat(feed.status()).isEqualTo(422);
        assertThat(feed.json().get("invalidParams").get(0).get("name").asText()).isEqualTo("org");
    }

    @Test
    void aPathVariableRefusedByItsRule_isNamedAsThePathNamesIt() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String path = "/workspace/orgs/" + org + "/ims/groups/" + "x".repeat(129) + "/members";

        HttpResult refused = http.as(TestTokens.user(owner)).get(path);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("invalid-params")).extracting(param -> param.get("name").asText())
                .containsExactly("group_id");
    }

    @Test
    void theSameRefusedBody_isAnsweredWithTheSameInvalidParams_everyTime() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String path = "/workspace/orgs/" + org + "/members/users";
        String body = """
                {"users": [{"email": "a@acme.test", "roles": []}, {"email": "b@acme.test", "roles": [null]},
                           {"email": "c@acme.test", "roles": []}, {"email": "d@acme.test"}]}""";

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            HttpResult refused = asOwner.post(path, body);
            assertThat(refused.status()).isEqualTo(422);
            answers.add(refused.json().get("invalid-params").toString());
        }

        assertThat(answers).containsOnly(answers.get(0));
        assertThat(answers.get(0)).contains("users[0].roles", "users[1].roles", "users[2].roles", "users[3].roles")
                .contains("size must be between 1 and 10");
    }

    @Test
    void aBodyOfAnotherJsonType_isAnInvalidValue_notMalformedJson() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String groups = "/v1/organizations/" + org + "/groups";
        long before = allEvents();

        for (String body : List.of("[]", "\"Readers\"", "42", "true")) {
            HttpResult refused = asOwner.post(groups, body);

            assertThat(refused.status()).as(body).isEqualTo(422);
            assertThat(refused.json().get("code").asText()).as(body).isEqualTo("INVALID_REQUEST");
            assertThat(refused.json().get("invalidParams").get(0).get("reason").asText()).as(body).isEqualTo("Expected object");
        }
        HttpResult evo = asOwner.post("/workspace/orgs/" + org + "/members/users", "[]");
        assertThat(evo.status()).isEqualTo(422);
        assertThat(evo.json().get("invalid-params").get(0).get("reason").asText()).isEqualTo("Expected object");
        HttpResult broken = asOwner.post(groups, "{\"name\": ");
        assertThat(broken.json().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void aBodyThatFailsItsRules_isNamedABody_notParameters() {
        HttpResult refused = http.as(TestTokens.platformAdmin()).put("/v1/directory/groups/ims-" + UUID.randomUUID(),
                "{\"name\": \"\", \"federated\": false, \"members\": []}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText()).isEqualTo("The request body is not valid.");
        assertThat(refused.json().get("invalidParams").get(0).get("name").asText()).isEqualTo("name");
    }

    @Test
    void aPathValueThatIsNotPlainText_isNotRepeatedInTheErrorsDetail() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String override = "%E2%80%AE"; // U+202E, which turns the text after it around

        HttpResult readModel = http.as(TestTokens.platformAdmin()).post("/v1/admin/projections/members" + override + "/rebuild", null);
        HttpResult directoryGroup = http.as(TestTokens.user(owner)).get("/workspace/orgs/" + org + "/ims/groups/ims" + override + "/members");

        assertThat(readModel.status()).isEqualTo(404);
        assertThat(readModel.json().get("detail").asText()).doesNotContain("\u202e").startsWith("No such read model");
        assertThat(directoryGroup.status()).isEqualTo(404);
        assertThat(directoryGroup.json().get("detail").asText()).doesNotContain("\u202e").isEqualTo("No such directory group.");
        assertThat(http.as(TestTokens.platformAdmin()).post("/v1/admin/projections/nothing-such/rebuild", null).json()
                .get("detail").asText()).startsWith("No read model named nothing-such");
    }

    @Test
    void aParameterThatTakesOneValue_givenTwice_isRefusedByName_inEveryDialect() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String hexOrg = org.toString().replace("-", "");
        String native_ = "/v1/organizations/" + org;
        Map<String, String> paths = Map.of(
                native_ + "/members?asOf=2026-01-01T00:00:00Z&asOf=2026-06-01T00:00:00Z", "asOf",
                native_ + "/audit?from=2026-01-01T00:00:00Z&from=2026-06-01T00:00:00Z", "from",
                native_ + "/audit?actor=a@acme.test&actor=b@acme.test", "actor",
                "/workspace/orgs/" + org + "/members/users?limit=5&limit=6", "limit",
                "/docspace/" + org + "/api/2.0/group?filterValue=a&filterValue=b", "filterValue",
                "/client/v4/accounts/" + hexOrg + "/iam/user_groups?fuzzyName=a&fuzzyName=b", "fuzzyName");

        paths.forEach((path, name) -> {
            HttpResult refused = asOwner.get(path);

            assertThat(ErrorShapes.problemWith(path, refused)).as(path).isNull();
            assertThat(refused.status()).as(path).isIn(400, 422);
            assertThat(refused.body()).as(path).contains(name);
        });
        assertThat(asOwner.get(native_ + "/members?asOf=2026-01-01T00:00:00Z").status()).isEqualTo(200);
        assertThat(asOwner.get("/client/v4/accounts/" + hexOrg + "/iam/user_groups?fuzzyName=a").status()).isEqualTo(200);
    }

    @Test
    void aWriteToAPaddedId_isRefused_andChangesNothing() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String invitationId = invite(org, owner, email("invitee"), "User");
        Http asOwner = http.as(TestTokens.user(owner));

        HttpResult refused = asOwner.delete("/workspace/orgs/" + org + "/members/invitations/%20" + invitationId + "%09");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("invalid-params").get(0).get("name").asText()).isEqualTo("invitation_id");
        JsonNode pending = asOwner.get("/workspace/orgs/" + org + "/members/invitations").json().get("results");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("id").asText()).isEqualTo(invitationId);
    }

    @Test
    void aNumberIsAsciiDigits_notHexadecimalSignedPaddedOrFullWidth() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String evo = "/workspace/orgs/" + org + "/members/users";
        String cloudflare = "/client/v4/accounts/" + org.toString().replace("-", "") + "/members";

        for (String query : List.of("limit=0x10", "limit=%2B5", "limit=%201", "limit=1%20", "offset=%EF%BC%91", "limit=1e1",
                "limit=99999999999999999999")) {
            HttpResult refused = asOwner.get(evo + "?" + query);
            assertThat(refused.status()).as(query).isEqualTo(422);
            assertThat(ErrorShapes.problemWith(evo, refused)).as(query).isNull();
        }
        HttpResult refused = asOwner.get(cloudflare + "?per_page=0x10");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(ErrorShapes.problemWith(cloudflare, refused)).isNull();
        assertThat(asOwner.get(evo + "?limit=16&offset=0").status()).isEqualTo(200);
        assertThat(asOwner.get(evo + "?limit=").status()).as("an empty value is absent: the default applies").isEqualTo(200);
        assertThat(asOwner.get(cloudflare + "?per_page=20&page=1").status()).isEqualTo(200);
    }

    @Test
    void anEmptyValue_isAbsent_whateverTheParametersType() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String account = "/client/v4/accounts/" + org.toString().replace("-", "");
        asOwner.post(account + "/iam/user_groups", "{\"name\": \"Listed\"}");
        awaitAudit();

        for (String query : List.of("status=", "order=", "direction=", "page=", "per_page=")) {
            HttpResult listed = asOwner.get(account + "/members?" + query);
            assertThat(listed.status()).as(query).isEqualTo(200);
            assertThat(listed.json().get("result")).as(query).hasSize(1);
        }
        for (String query : List.of("name=", "id=", "fuzzyName=")) {
            HttpResult groups = asOwner.get(account + "/iam/user_groups?" + query);
            assertThat(groups.status()).as(query).isEqualTo(200);
            assertThat(groups.json().get("result")).as(query + " filters nothing").hasSize(1);
        }
        for (String query : List.of("actor=", "type=", "subject=", "from=")) {
            HttpResult audit = asOwner.get("/v1/organizations/" + org + "/audit?" + query);
            assertThat(audit.status()).as(query).isEqualTo(200);
            assertThat(audit.json().get("items")).as(query + " filters nothing").isNotEmpty();
        }
    }

    @Test
    void aBooleanIsTrueOrFalse_inAnyCase() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String group = asOwner.post("/v1/organizations/" + org + "/groups", "{\"name\": \"Readers\"}").json().get("id").asText();
        String path = "/docspace/" + org + "/api/2.0/group/" + group;

        for (String value : List.of("yes", "on", "1", "0", "no", "off", "t")) {
            HttpResult refused = asOwner.get(path + "?includeMembers=" + value);
            assertThat(refused.status()).as(value).isEqualTo(400);
            assertThat(ErrorShapes.problemWith(path, refused)).as(value).isNull();
        }
        HttpResult manager = asOwner.get("/docspace/" + org + "/api/2.0/group?manager=1");
        assertThat(manager.status()).isEqualTo(400);
        for (String value : List.of("true", "False", "TRUE")) {
            assertThat(asOwner.get(path + "?includeMembers=" + value).status()).as(value).isEqualTo(200);
        }
    }
}
