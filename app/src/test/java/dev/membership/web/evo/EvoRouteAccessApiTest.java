package dev.membership.web.evo;

import static dev.membership.web.evo.EvoAssertions.assertEvoError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every Evo route refuses callers without a valid token (401) and strangers to the organization (404). */
class EvoRouteAccessApiTest extends ApiTestSupport {

    record Route(String method, String path, String body) {
    }

    @Test
    void everyRoute_answers401WithoutAValidToken_and404ToAMemberOfAnotherOrganization_inEvosErrorShape() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String stranger = email("stranger");
        createOrganization(stranger);
        String base = "/workspace/orgs/" + org;
        UUID id = UUID.randomUUID();
        List<Route> routes = List.of(
                new Route("GET", base + "/members/users", null),
                new Route("GET", base + "/members", null),
                new Route("POST", base + "/members/users", "{\"users\": [{\"email\": \"a@b.test\", \"roles\": [\"" + id + "\"]}]}"),
                new Route("POST", base + "/members", "{\"users\": [{\"email\": \"a@b.test\", \"roles\": [\"" + id + "\"]}]}"),
                new Route("PATCH", base + "/members/users/" + id, "{\"roles\": [\"" + id + "\"]}"),
                new Route("PATCH", base + "/members/" + id, "{\"roles\": [\"" + id + "\"]}"),
                new Route("DELETE", base + "/members/users/" + id, null),
                new Route("DELETE", base + "/members/" + id, null),
                new Route("GET", base + "/members/invitations", null),
                new Route("DELETE", base + "/members/invitations/" + id, null),
                new Route("GET", base + "/members/roles", null),
                new Route("GET", base + "/members/groups", null),
                new Route("PATCH", base + "/members/groups/" + id, "{\"ims_groups\": []}"),
                new Route("GET", base + "/ims/groups", null),
                new Route("GET", base + "/ims/groups/some-group/members", null),
                new Route("GET", base + "/ims/users?email=ilike:someone*", null));
        long before = allEvents();

        for (Http caller : List.of(http.anonymous(), http.as(TestTokens.badSignature(owner)), http.as(TestTokens.expired(owner)))) {
            for (Route route : routes) {
                assertEvoError(caller.send(route.method(), route.path(), route.body()), 401, "unauthenticated");
            }
        }
        Http asStranger = http.as(TestTokens.user(stranger));
        for (Route route : routes) {
            assertEvoError(asStranger.send(route.method(), route.path(), route.body()), 404, "organization-not-found");
        }
        assertThat(allEvents()).isEqualTo(before);
    }
}
