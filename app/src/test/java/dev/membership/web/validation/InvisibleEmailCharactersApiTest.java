package dev.membership.web.validation;

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
 * An address with an invisible character in it (a zero-width space, a soft hyphen, a no-break space) reads exactly as
 * another person's and would be a different person: every route that takes an email refuses it, in its dialect, and
 * writes nothing. A combining accent is no such character.
 */
class InvisibleEmailCharactersApiTest extends ApiTestSupport {

    @Test
    void anAddressWithAnInvisibleCharacter_isRefusedByEveryRouteThatTakesOne_andWritesNothing() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        Http asAdmin = http.as(TestTokens.platformAdmin());
        String user = roleId(org, owner, "User");
        long events = allEvents();

        for (String invisible : List.of("\\u200b", "\\u00ad", "\\u00a0", "\\u2060", "\\u3164", "\\ufe0f", "\\u034f")) {
            String spoof = "mal" + invisible + "lory@acme.test";
            List<List<Object>> refusals = List.of(
                    List.of("/workspace/orgs/" + org + "/members/users", asOwner.post("/workspace/orgs/" + org + "/members/users",
                            "{\"users\": [{\"email\": \"" + spoof + "\", \"roles\": [\"" + user + "\"]}]}")),
                    List.of("/client/v4/accounts/" + org + "/members", asOwner.post("/client/v4/accounts/" + org + "/members",
                            "{\"email\": \"" + spoof + "\", \"roles\": [\"" + user + "\"]}")),
                    List.of("/v1/organizations", asAdmin.post("/v1/organizations",
                            "{\"name\": \"Spoofed\", \"ownerEmail\": \"" + spoof + "\"}")),
                    List.of("/v1/directory/groups/x", asAdmin.put("/v1/directory/groups/ims-" + UUID.randomUUID(),
                            "{\"name\": \"Spoofed\", \"federated\": false, \"members\": [{\"email\": \"" + spoof + "\"}]}")));

            for (List<Object> refusal : refusals) {
                String path = (String) refusal.get(0);
                HttpResult refused = (HttpResult) refusal.get(1);
                assertThat(refused.status()).as(invisible + " " + path).isBetween(400, 422);
                assertThat(ErrorShapes.problemWith(path, refused)).as(invisible + " " + path).isNull();
                assertThat(refused.body()).as(invisible + " " + path).contains("invisible");
            }
        }
        assertThat(allEvents()).isEqualTo(events);
        HttpResult accented = asOwner.post("/workspace/orgs/" + org + "/members/users",
                "{\"users\": [{\"email\": \"zoe\u0308@acme.test\", \"roles\": [\"" + user + "\"]}]}");
        assertThat(accented.status()).as("a combining diaeresis shows on its letter").isEqualTo(201);
    }
}
