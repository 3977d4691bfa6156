package dev.membership.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: the same key and request answer the first response and write nothing new. */
class IdempotencyApiTest extends ApiTestSupport {

    @Test
    void theSameKeyWithTheSameRequest_returnsTheFirstResponse_andWritesNothingNew() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String key = "add-" + UUID.randomUUID();
        Http asOwner = http.as(TestTokens.user(owner)).header("Idempotency-Key", key);
        String body = "{\"users\": [{\"email\": \"" + email("new") + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}";

        HttpResult first = asOwner.post("/workspace/orgs/" + org + "/members/users", body);
        long after = eventsOf(org);
        HttpResult again = asOwner.post("/workspace/orgs/" + org + "/members/users", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(eventsOf(org)).isEqualTo(after);
    }

    /**
     * A claim whose request never ended (its node stopped while it ran) is what a crash leaves: 409 while the request
     * could still be running, and, once it cannot, the retry runs rather than hear 409 until the key expires.
     */
    @Test
    void aKeyWhoseFirstRequestNeverEnded_answers409WhileItCouldStillRun_andRunsItsRetryAfter() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String path = "/workspace/orgs/" + org + "/members/users";
        String role = roleId(org, owner, "User");
        String first = "first-" + UUID.randomUUID();
        asOwner.header("Idempotency-Key", first).post(path, "{\"users\": [{\"email\": \"" + email("a") + "\", \"roles\": [\"" + role + "\"]}]}");
        String principal = jdbc.sql("SELECT principal FROM idempotency_key_v1 WHERE key = :key").param("key", first)
                .query(String.class).single();
        String body = "{\"users\": [{\"email\": \"" + email("b") + "\", \"roles\": [\"" + role + "\"]}]}";
        String running = "running-" + UUID.randomUUID();
        String abandoned = "abandoned-" + UUID.randomUUID();
        for (String[] claim : new String[][] {{running, "1 minute"}, {abandoned, "6 minutes"}}) {
            jdbc.sql("INSERT INTO idempotency_key_v1 (principal, key, request_hash, created_at) "
                            + "VALUES (:principal, :key, 'unknown', now() - CAST(:age AS interval))")
                    .param("principal", principal).param("key", claim[0]).param("age", claim[1]).update();
        }

        HttpResult stillRunning = asOwner.header("Idempotency-Key", running).post(path, body);
        HttpResult retried = asOwner.header("Idempotency-Key", abandoned).post(path, body);

        assertThat(stillRunning.status()).as("%s", stillRunning).isEqualTo(409);
        assertThat(retried.status()).as("%s", retried).isEqualTo(201);
        assertThat(asOwner.header("Idempotency-Key", abandoned).post(path, body).header("Idempotent-Replayed"))
                .as("the retry's answer is kept as any first answer").isEqualTo("true");
    }

    @Test
    void theSameKeyWithADifferentRequest_isRefused_inEachDialectsShape() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String userRole = roleId(org, owner, "User");
        Http asOwner = http.as(TestTokens.user(owner)).header("Idempotency-Key", "k-" + UUID.randomUUID());
        assertThat(asOwner.post("/workspace/orgs/" + org + "/members/users",
                "{\"users\": [{\"email\": \"" + email("a") + "\", \"roles\": [\"" + userRole + "\"]}]}").status()).isEqualTo(201);
        long before = allEvents();

        HttpResult evo = asOwner.post("/workspace/orgs/" + org + "/members/users",
                "{\"users\": [{\"email\": \"" + email("b") + "\", \"roles\": [\"" + userRole + "\"]}]}");
        HttpResult cloudflare = asOwner.post("/client/v4/accounts/" + org + "/iam/user_groups", "{\"name\": \"x\"}");

        assertThat(evo.status()).isEqualTo(422);
        assertThat(evo.json().get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(cloudflare.status()).isEqualTo(400);
        assertThat(cloudflare.json().get("success").asBoolean()).isFalse();
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void aCallerRemovedSinceTheFirstRequest_meets404OnReplay_inEachDialect_likeAnyStranger() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String admin = email("admin");
        String adminUser = join(org, owner, admin, "Admin");
        Http asAdmin = http.as(TestTokens.user(admin));
        List<String[]> writes = List.of(
                new String[] {"/v1/organizations/" + org + "/groups", "{\"name\": \"Native\"}"},
                new String[] {"/docspace/" + org + "/api/2.0/group", "{\"groupName\": \"DocSpace\"}"},
                new String[] {"/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups",
                        "{\"name\": \"Cloudflare\"}"});
        for (String[] write : writes) {
            Http keyed = asAdmin.header("Idempotency-Key", "group-" + write[0].hashCode());
            assertThat(keyed.post(write[0], write[1]).status()).as(write[0]).isIn(200, 201);
            assertThat(keyed.post(write[0], write[1]).header("Idempotent-Replayed")).as(write[0]).isEqualTo("true");
        }

        assertThat(http.as(TestTokens.user(owner)).delete("/workspace/orgs/" + org + "/members/users/" + adminUser).status())
                .isEqualTo(204);

        for (String[] write : writes) {
            HttpResult replay = asAdmin.header("Idempotency-Key", "group-" + write[0].hashCode()).post(write[0], write[1]);
            assertThat(replay.status()).as(write[0]).isEqualTo(404);
            assertThat(ErrorShapes.problemWith(write[0], replay)).as(write[0]).isNull();
            assertThat(replay.header("Idempotent-Replayed")).isNull();
            HttpResult reused = asAdmin.header("Idempotency-Key", "group-" + write[0].hashCode()).post(write[0], "{\"name\": \"Other\"}");
            assertThat(reused.status()).as("a key reused for another request, by a stranger now: " + write[0]).isEqualTo(404);
        }
    }

    @Test
    void anAdminWhoRemovedThemselves_hearsTheirDeleteReplayed() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String admin = email("admin");
        String adminUser = join(org, owner, admin, "Admin");
        Http asAdmin = http.as(TestTokens.user(admin)).header("Idempotency-Key", "leave-" + UUID.randomUUID());

        HttpResult left = asAdmin.delete("/workspace/orgs/" + org + "/members/users/" + adminUser);
        HttpResult retried = asAdmin.delete("/workspace/orgs/" + org + "/members/users/" + adminUser);

        assertThat(left.status()).isEqualTo(204);
        assertThat(retried.status()).isEqualTo(204);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aRetriedDelete_answersTheFirst204_insteadOfNotFound() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String member = join(org, owner, email("member"), "User");
        Http asOwner = http.as(TestTokens.user(owner)).header("Idempotency-Key", "rm-" + UUID.randomUUID());

        HttpResult first = asOwner.delete("/workspace/orgs/" + org + "/members/users/" + member);
        long after = eventsOf(org);
        HttpResult again = asOwner.delete("/workspace/orgs/" + org + "/members/users/" + member);

        assertThat(first.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(204);
        assertThat(eventsOf(org)).isEqualTo(after);
        assertThat(http.as(TestTokens.user(owner)).delete("/workspace/orgs/" + org + "/members/users/" + member).status())
                .as("without the key the delete is refused as usual").isEqualTo(404);
    }

    @Test
    void keysBelongToTheirCaller_andMalformedKeysAreRefused() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String admin = email("admin");
        membership(org, owner, admin, "Admin");
        String key = "shared-" + UUID.randomUUID();

        HttpResult byOwner = http.as(TestTokens.user(owner)).header("Idempotency-Key", key)
                .post("/v1/organizations/" + org + "/groups", "{\"name\": \"One\"}");
        HttpResult byAdmin = http.as(TestTokens.user(admin)).header("Idempotency-Key", key)
                .post("/v1/organizations/" + org + "/groups", "{\"name\": \"One\"}");

        assertThat(byOwner.status()).isEqualTo(201);
        assertThat(byAdmin.status()).isEqualTo(201);
        assertThat(byAdmin.json().get("id").asText()).isNotEqualTo(byOwner.json().get("id").asText());
        HttpResult replayed = http.as(TestTokens.user(owner)).header("Idempotency-Key", key)
                .post("/v1/organizations/" + org + "/groups", "{\"name\": \"One\"}");
        assertThat(replayed.header("Location")).isEqualTo(byOwner.header("Location"));
        assertThat(http.as(TestTokens.user(owner)).header("Idempotency-Key", "bad key with spaces")
                .post("/v1/organizations/" + org + "/groups", "{\"name\": \"Two\"}").status()).isEqualTo(422);
    }

    /**
     * The state a node leaves that stopped (or lost its database) after its write committed and before it kept the
     * answer: the key claimed, no answer, past its lease. The write is marked in its own transaction, so the retry is
     * told the answer was lost instead of creating a second group.
     */
    @Test
    void aWriteThatCommitted_butWhoseAnswerWasNeverKept_isNotRunAgainOnRetry() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String key = "lost-" + UUID.randomUUID();
        Http asOwner = http.as(TestTokens.user(owner)).header("Idempotency-Key", key);
        String path = "/client/v4/accounts/" + org + "/iam/user_groups";
        assertThat(asOwner.post(path, "{\"name\": \"Readers\"}").status()).isEqualTo(200);
        jdbc.sql("UPDATE idempotency_key_v1 SET status = NULL, content_type = NULL, location = NULL, body = NULL, "
                        + "created_at = now() - interval '6 minutes' WHERE key = :key")
                .param("key", key).update();

        HttpResult retried = asOwner.post(path, "{\"name\": \"Readers\"}");

        assertThat(retried.status()).as("%s", retried).isEqualTo(409);
        assertThat(ErrorShapes.problemWith(path, retried)).isNull();
        assertThat(retried.json().get("errors").get(0).get("message").asText()).contains("answer was lost");
        assertThat(retried.header("x-should-retry")).as("the outcome will not change").isEqualTo("false");
        assertThat(groupsOf(org)).as("one group, not two").isEqualTo(1);
        assertThat(asOwner.post(path, "{\"name\": \"Other\"}").status())
                .as("a different request under the key is still refused as one").isEqualTo(400);
    }

    @Test
    void theKeyOfAStoredWrite_isMarkedCommitted_andTheKeyOfARefusedOneIsNot() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String member = email("member");
        String body = "{\"users\": [{\"email\": \"" + member + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}";
        String stored = "stored-" + UUID.randomUUID();
        String refused = "refused-" + UUID.randomUUID();
        String path = "/workspace/orgs/" + org + "/members/users";

        assertThat(http.as(TestTokens.user(owner)).header("Idempotency-Key", stored).post(path, body).status()).isEqualTo(201);
        assertThat(http.as(TestTokens.user(owner)).header("Idempotency-Key", refused).post(path, body).status())
                .as("invited already").isEqualTo(409);

        assertThat(committed(stored)).isTrue();
        assertThat(committed(refused)).isFalse();
    }

    private boolean committed(String key) {
        return jdbc.sql("SELECT committed_at IS NOT NULL FROM idempotency_key_v1 WHERE key = :key").param("key", key)
                .query(Boolean.class).single();
    }

    private long groupsOf(UUID org) {
        return jdbc.sql("SELECT count(*) FROM read.group_v1 WHERE organization_id = :org").param("org", org)
                .query(Long.class).single();
    }
}
