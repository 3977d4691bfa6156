package dev.membership.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A write whose Accept header admits no JSON is refused before it runs, so a 406 never reports a change that was
 * made; any Accept that admits JSON passes; DocSpace, whose server answers JSON whatever is asked, answers JSON.
 */
class AcceptableAnswersApiTest extends ApiTestSupport {

    @Test
    void aWriteWhoseAcceptAdmitsNoJson_is406InItsDialect_andChangesNothing_evenWithAnIdempotencyKey() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String invite = "{\"users\": [{\"email\": \"" + email("invitee") + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}";
        String key = UUID.randomUUID().toString();
        long before = allEvents();

        List<String[]> writes = List.of(
                new String[] {"/workspace/orgs/" + org + "/members/users", invite, "application/xml"},
                new String[] {"/v1/organizations/" + org + "/groups", "{\"name\": \"Refused\"}", "text/csv"},
                new String[] {"/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups",
                        "{\"name\": \"Refused\"}", "application/json;q=0, text/html"},
                new String[] {"/v1/organizations/" + org + "/groups", "{\"name\": \"Refused\"}", "not a media type"},
                new String[] {"/v1/organizations/" + org + "/groups", "{\"name\": \"Refused\"}", "application/json;q=0, */*"},
                new String[] {"/v1/organizations/" + org + "/groups", "{\"name\": \"Refused\"}", "*/*, application/*;q=0"});
        for (String[] write : writes) {
            HttpResult refused = http.as(TestTokens.user(owner)).header("Accept", write[2]).header("Idempotency-Key", key)
                    .post(write[0], write[1]);

            assertThat(refused.status()).as(write[2] + " " + write[0]).isEqualTo(406);
            assertThat(ErrorShapes.problemWith(write[0], refused)).as(write[0]).isNull();
        }
        assertThat(allEvents()).as("events written by refused writes").isEqualTo(before);
        HttpResult problem = http.as(TestTokens.user(owner)).header("Accept", "text/csv").post(writes.get(1)[0], writes.get(1)[1]);
        assertThat(problem.json().get("instance").asText()).as("a problem written by a filter names its path")
                .isEqualTo(writes.get(1)[0]);
        HttpResult retried = http.as(TestTokens.user(owner)).header("Idempotency-Key", key).post(writes.get(0)[0], invite);
        assertThat(retried.status()).as("the key was not spent on the refusal").isEqualTo(201);
    }

    @Test
    void anyAcceptAdmittingJson_letsTheWriteThrough() {
        String owner = email("owner");
        UUID org = createOrganization(owner);

        for (String accept : List.of("application/json", "application/*", "*/*", "text/html, */*;q=0.1",
                "application/json;charset=utf-8", "application/problem+json, application/json;q=0.5",
                "application/json;charset=latin1", "application/json;charset=utf-16;q=0.5, */*;q=0.1")) {
            HttpResult created = http.as(TestTokens.user(owner)).header("Accept", accept)
                    .post("/v1/organizations/" + org + "/groups", "{\"name\": \"Accepted\"}");

            assertThat(created.status()).as(accept).isEqualTo(201);
            assertThat(created.header("Content-Type")).as("JSON, which has no charset but UTF-8").startsWith("application/json");
            assertThat(created.json().get("name").asText()).isEqualTo("Accepted");
        }
    }

    @Test
    void aReadThatAnswersJsonAlone_isLabelledJson_orRefused406_neverWithAnotherJsonType() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        List<String> reads = List.of("/v1/organizations/" + org, "/v1/organizations/" + org + "/members",
                "/workspace/orgs/" + org + "/members/roles",
                "/client/v4/accounts/" + org.toString().replace("-", "") + "/members");

        for (String path : reads) {
            for (String accept : List.of("application/problem+json", "application/x-foo+json", "application/json;q=0")) {
                HttpResult refused = asOwner.header("Accept", accept).get(path);

                assertThat(refused.status()).as(accept + " " + path).isEqualTo(406);
                assertThat(ErrorShapes.problemWith(path, refused)).as(accept + " " + path).isNull();
            }
            HttpResult answered = asOwner.header("Accept", "application/problem+json, application/json;q=0.5").get(path);
            assertThat(answered.status()).as(path).isEqualTo(200);
            assertThat(answered.header("Content-Type")).as(path).startsWith("application/json");
        }
        assertThat(asOwner.header("Accept", "text/csv").get("/v1/organizations/" + org + "/audit").header("Content-Type"))
                .as("the audit log still chooses its own format").startsWith("text/csv");
    }

    @Test
    void aBodyWithAContentEncoding_is415InItsDialect_andChangesNothing() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        long before = allEvents();

        for (String[] write : List.of(new String[] {"/v1/organizations/" + org + "/groups", "{\"name\": \"Zipped\"}"},
                new String[] {"/docspace/" + org + "/api/2.0/group", "{\"groupName\": \"Zipped\"}"},
                new String[] {"/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups", "{\"name\": \"Zipped\"}"})) {
            HttpResult refused = http.as(TestTokens.user(owner)).header("Content-Encoding", "gzip").post(write[0], write[1]);

            assertThat(refused.status()).as(write[0]).isEqualTo(415);
            assertThat(refused.header("Accept-Encoding")).as(write[0]).isEqualTo("identity");
            assertThat(ErrorShapes.problemWith(write[0], refused)).as(write[0]).isNull();
        }
        assertThat(AcceptableAnswerFilter.encoded(java.util.Collections.enumeration(List.of("identity", "gzip"))))
                .as("a second header line is read too").isTrue();
        assertThat(AcceptableAnswerFilter.encoded(java.util.Collections.enumeration(List.of("identity, br")))).isTrue();
        assertThat(allEvents()).isEqualTo(before);
        assertThat(http.as(TestTokens.user(owner)).header("Content-Encoding", "identity")
                .post("/v1/organizations/" + org + "/groups", "{\"name\": \"Plain\"}").status()).isEqualTo(201);
        assertThat(http.as(TestTokens.user(owner)).header("Content-Encoding", "gzip").get("/v1/organizations/" + org).status())
                .as("a read has no body to decode").isEqualTo(200);
    }

    @Test
    void aDeletesAcceptIsDisregarded_itAnswers204OrJsonWhateverWasAsked() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String invitation = invite(org, owner, email("invitee"), "User");
        String account = "/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups";
        String group = http.as(TestTokens.user(owner)).post(account, "{\"name\": \"Short-lived\"}").json()
                .get("result").get("id").asText();

        HttpResult revoked = http.as(TestTokens.user(owner)).header("Accept", "text/plain")
                .delete("/workspace/orgs/" + org + "/members/invitations/" + invitation);
        HttpResult deleted = http.as(TestTokens.user(owner)).header("Accept", "application/xml").delete(account + "/" + group);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
    }

    @Test
    void docSpaceAnswersJson_whateverTheAcceptHeaderSays() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String groups = "/docspace/" + org + "/api/2.0/group";

        for (String accept : List.of("text/plain", "text/json", "application/xml")) {
            HttpResult created = asOwner.header("Accept", accept).post(groups, "{\"groupName\": \"Plain " + accept + "\"}");
            HttpResult listed = asOwner.header("Accept", accept).get(groups);

            assertThat(created.status()).as(accept).isEqualTo(200);
            assertThat(created.header("Content-Type")).as(accept).startsWith("application/json");
            assertThat(listed.status()).as(accept).isEqualTo(200);
            assertThat(listed.json().get("response").isArray()).isTrue();
        }
    }

    @Test
    void docSpaceReadsBodiesSentAsTextJson_asItsServerDoes() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String groups = "/docspace/" + org + "/api/2.0/group";

        for (String contentType : List.of("text/json", "text/json; charset=utf-8", "TEXT/JSON")) {
            HttpResult created = asOwner.header("Content-Type", contentType)
                    .post(groups, "{\"groupName\": \"Sent as " + contentType + "\"}");

            assertThat(created.status()).as(contentType + ": " + created).isEqualTo(200);
            assertThat(created.json().path("response").path("name").asText()).isEqualTo("Sent as " + contentType);
        }
        HttpResult plain = asOwner.header("Content-Type", "text/plain").post(groups, "{\"groupName\": \"Plain\"}");
        assertThat(plain.status()).as(plain.toString()).isEqualTo(415);
        assertThat(plain.json().path("statusCode").asInt()).isEqualTo(415);
        assertThat(asOwner.get(groups).body()).contains("Sent as TEXT/JSON").doesNotContain("\"Plain\"");
    }
}
