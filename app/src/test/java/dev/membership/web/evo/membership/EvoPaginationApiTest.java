package dev.membership.web.evo.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Evo limit/offset pagination followed through links, as the SDK does. */
class EvoPaginationApiTest extends ApiTestSupport {

    @Test
    void walkingLinksNext_visitsEachOfSevenUsersOnce_withPreviousNullOnTheFirstPage() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        List<String> expected = new ArrayList<>(List.of(owner));
        for (int i = 0; i < 6; i++) {
            String member = email("m" + i);
            join(org, owner, member, "User");
            expected.add(member);
        }
        Http asOwner = http.as(TestTokens.user(owner));

        List<String> visited = new ArrayList<>();
        String next = "/workspace/orgs/" + org + "/members/users?limit=2";
        int pages = 0;
        JsonNode first = null;
        while (next != null) {
            JsonNode page = asOwner.get(next).json();
            first = first == null ? page : first;
            page.get("results").forEach(user -> visited.add(user.get("email").asText()));
            assertThat(page.get("links").get("count").asInt()).isEqualTo(page.get("results").size());
            next = page.get("links").get("next").isNull() ? null : page.get("links").get("next").asText();
            pages++;
        }

        assertThat(visited).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(4);
        assertThat(first.get("links").get("previous").isNull()).isTrue();
        JsonNode past = asOwner.get("/workspace/orgs/" + org + "/members/users?limit=2&offset=100").json();
        assertThat(past.get("results")).isEmpty();
        assertThat(past.get("links").get("next").isNull()).isTrue();
        assertThat(past.get("links").get("previous").asText()).endsWith("limit=2&offset=98");
        JsonNode atTheEnd = asOwner.get("/workspace/orgs/" + org + "/members/users?limit=2&offset=7").json();
        assertThat(atTheEnd.get("results")).as("an offset equal to the total").isEmpty();
        assertThat(atTheEnd.get("links").get("next").isNull()).isTrue();
        assertThat(atTheEnd.get("links").get("previous").asText()).endsWith("limit=2&offset=5");
    }

    @Test
    void deprecatedListRoute_answersByteForByteLikeTheCurrentRoute() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        join(org, owner, email("a"), "Admin");
        join(org, owner, email("b"), "User");
        Http asOwner = http.as(TestTokens.user(owner));

        for (String query : new String[] {"", "?limit=1", "?limit=1&offset=1", "?offset=5", "?limit=0"}) {
            String current = asOwner.get("/workspace/orgs/" + org + "/members/users" + query).body();
            String deprecated = asOwner.get("/workspace/orgs/" + org + "/members" + query).body();
            assertThat(deprecated).as("query %s", query).isEqualTo(current);
        }
    }

    @Test
    void deprecatedAddRoute_answersLikeTheCurrentRoute_forTheSameRefusal() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String body = "{\"users\": [{\"email\": \"" + owner + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}";

        String current = asOwner.post("/workspace/orgs/" + org + "/members/users", body).body();
        String deprecated = asOwner.post("/workspace/orgs/" + org + "/members", body).body();

        assertThat(deprecated).isEqualTo(current).contains("already-member");
        assertThat(asOwner.post("/workspace/orgs/" + org + "/members", "{\"users\": [{\"email\": \"" + email("x")
                + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}").status()).isEqualTo(201);
    }
}
