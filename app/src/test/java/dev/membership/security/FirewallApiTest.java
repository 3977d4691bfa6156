package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.HttpResult;
import dev.membership.support.RawHttp;
import dev.membership.support.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests the firewall refuses (here a header with a C1 control character, which the HTTP server lets through) are
 * answered in the dialect of their path, without repeating the refused value, and before anything runs; printable
 * headers pass as before. The refused requests are written on a socket, byte for byte, because HTTP clients will not
 * send such a header. A path is judged as it is routed, decoded.
 */
class FirewallApiTest extends ApiTestSupport {

    @LocalServerPort
    private int port;

    @Test
    void aTokenWithAControlCharacter_isRefusedInTheDialectsShape_withoutEchoingIt() throws IOException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String token = TestTokens.user(owner);

        for (String path : new String[] {"/workspace/orgs/" + org + "/members/users",
                "/client/v4/accounts/" + org + "/members", "/docspace/" + org + "/api/2.0/group", "/v1/organizations/" + org}) {
            HttpResult refused = raw("GET", path, "Authorization: Bearer " + token + "\u0085");

            assertThat(ErrorShapes.problemWith(path, refused)).as(path).isNull();
            assertThat(refused.body()).as(path).contains("not allowed").doesNotContain(token);
            assertThat(http.as(token).get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void printableHeadersOfEveryKind_passTheFirewall() {
        String owner = email("owner");
        UUID org = createOrganization(owner);

        HttpResult result = http.as(TestTokens.user(owner))
                .header("X-Note", "printable ASCII: !\"#$%&'()*+,-./0-9:;<=>?@A-Z[\\]^_`a-z{|}~")
                .header("Accept-Language", "en-GB,en;q=0.9")
                .get("/workspace/orgs/" + org + "/members/users?limit=5&offset=0");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("results")).hasSize(1);
    }

    @Test
    void aMethodTheServiceDoesNotServe_isRefusedInTheDialectOfItsPath() throws IOException {
        UUID org = createOrganization(email("owner"));

        for (String method : new String[] {"TRACE", "FOO"}) {
            for (String path : new String[] {"/workspace/orgs/" + org + "/members/users",
                    "/client/v4/accounts/" + org + "/members", "/docspace/" + org + "/api/2.0/group"}) {
                HttpResult refused = raw(method, path, "X-Note: none");

                assertThat(ErrorShapes.problemWith(path, refused)).as(method + " " + path).isNull();
            }
        }
    }

    @Test
    void aHeaderTheFirewallRefuses_stopsAWriteBeforeItRuns_evenOneReadOnlyToWriteTheAnswer() throws IOException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String token = TestTokens.user(owner);
        String groups = "/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups";
        String group = http.as(token).post(groups, "{\"name\": \"Kept\", \"policies\": []}").json().path("result").path("id").asText();
        String users = "/workspace/orgs/" + org + "/members/users";
        String invite = "{\"users\": [{\"email\": \"" + email("invitee") + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}";
        long before = allEvents();

        // Accept is read only to write the answer, after the command; X-Note is read by nothing
        HttpResult deleted = raw("DELETE", groups + "/" + group, "Authorization: Bearer " + token + "\r\nAccept: application/json\u0085",
                null);
        HttpResult invited = raw("POST", users, "Authorization: Bearer " + token + "\r\nX-Note: \u0085", invite);

        assertThat(ErrorShapes.problemWith(groups, deleted)).isNull();
        assertThat(deleted.body()).contains("not allowed");
        assertThat(ErrorShapes.problemWith(users, invited)).isNull();
        assertThat(invited.body()).contains("not allowed");
        assertThat(allEvents()).as("events written by refused requests").isEqualTo(before);
        assertThat(http.as(token).get(groups + "/" + group).status()).isEqualTo(200);
    }

    @Test
    void aHeaderThatMayComeOnce_comingTwice_isRefusedBeforeAnythingRuns() throws IOException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String token = TestTokens.user(owner);
        String users = "/workspace/orgs/" + org + "/members/users";
        String invite = "{\"users\": [{\"email\": \"" + email("invitee") + "\", \"roles\": [\"" + roleId(org, owner, "User") + "\"]}]}";
        long before = allEvents();

        HttpResult twoTokens = raw("GET", users, "Authorization: Bearer " + token + "\r\nAuthorization: Bearer "
                + TestTokens.user(email("someone-else")));
        HttpResult twoKeys = raw("POST", users, "Authorization: Bearer " + token + "\r\nIdempotency-Key: one\r\nidempotency-key: two",
                invite);
        HttpResult twoReasons = raw("POST", users, "Authorization: Bearer " + token + "\r\nX-Audit-Reason: a\r\nX-Audit-Reason: b",
                invite);

        for (HttpResult refused : List.of(twoTokens, twoKeys, twoReasons)) {
            assertThat(ErrorShapes.problemWith(users, refused)).isNull();
            assertThat(refused.body()).contains("not allowed");
        }
        assertThat(allEvents()).as("events written by refused requests").isEqualTo(before);
        assertThat(raw("GET", users, "Authorization: Bearer " + token + "\r\nAccept: application/json\r\nAccept: */*").status())
                .as("a header that may repeat").isEqualTo(200);
        assertThat(raw("GET", users, "Authorization: Bearer " + token + "\r\nX-Request-Id: client-1\r\nX-Request-Id: proxy-2").status())
                .as("a correlation id a proxy appended to").isEqualTo(200);
    }

    @Test
    void anEncodedLetterInThePath_isAnsweredInTheDialectOfTheRouteItReaches() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Map<String, String> routes = Map.of(
                "/%77orkspace/orgs/" + org + "/members/users?limit=0", "/workspace/",
                "/client/v4/%61ccounts/" + org.toString().replace("-", "") + "/members?page=0", "/client/v4/",
                "/%64ocspace/" + org + "/api/2.0/group?count=-1", "/docspace/");

        routes.forEach((encoded, dialect) -> {
            HttpResult result = http.as(TestTokens.user(owner)).get(encoded);
            assertThat(ErrorShapes.problemWith(dialect, result)).as(encoded).isNull();
        });
    }

    /** The server drops a parameter it cannot decode; served without it, a filtered list would answer unfiltered. */
    @Test
    void aQueryWithAPercentThatBeginsNoEscape_isRefusedInTheDialectOfItsPath_notServedWithoutTheParameter() throws IOException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String token = "Authorization: Bearer " + TestTokens.user(owner);

        for (String path : new String[] {"/client/v4/accounts/" + org.toString().replace("-", "") + "/members?status=%ZZ",
                "/docspace/" + org + "/api/2.0/group?filterValue=%ZZ", "/v1/organizations/" + org + "/audit?type=%4",
                "/workspace/orgs/" + org + "/members/users?limit=5&x=%"}) {
            HttpResult refused = raw("GET", path, token);

            assertThat(refused.status()).as("400, 422 in Evo: %s", path).isIn(400, 422);
            assertThat(ErrorShapes.problemWith(path.substring(0, path.indexOf('?')), refused)).as(path).isNull();
        }
        assertThat(raw("GET", "/docspace/" + org + "/api/2.0/group?filterValue=%41", token).status()).isEqualTo(200);
    }

    /** A request the server refuses before any filter runs carries its dialect's headers too: Cloudflare's x-should-retry. */
    @Test
    void aPathTheServerRefusesBeforeAnyFilter_isAnsweredWithTheDialectsHeaders() throws IOException {
        String path = "/client/v4/accounts/" + UUID.randomUUID().toString().replace("-", "") + "/iam/user_groups%00";

        HttpResult refused = raw("GET", path, "X-Note: none");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(ErrorShapes.problemWith("/client/v4/accounts/x", refused)).isNull();
        assertThat(refused.header("x-should-retry")).isEqualTo("false");
    }

    /** A request with one extra header line, written in ISO-8859-1 as an HTTP/1.1 server reads it; the response read whole. */
    private HttpResult raw(String method, String path, String headerLine) throws IOException {
        return raw(method, path, headerLine, null);
    }

    /** The same, with a JSON body when {@code body} is not null. */
    private HttpResult raw(String method, String path, String headerLine, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String bodyHeaders = body == null ? "" : "\r\nContent-Type: application/json\r\nContent-Length: " + content.length;
        return RawHttp.send(port, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headerLine + bodyHeaders
                + "\r\nConnection: close", content);
    }
}
