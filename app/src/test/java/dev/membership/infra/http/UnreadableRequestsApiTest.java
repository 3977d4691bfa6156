package dev.membership.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.HttpResult;
import dev.membership.support.RawHttp;
import dev.membership.support.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests the service cannot read as sent (another HTTP version, a method or transfer coding it does not implement,
 * a broken chunk, a content type naming no one type) are a client's mistake: a 4xx in the dialect of their path,
 * never a 500, and nothing written. The error page is no route of its own.
 */
class UnreadableRequestsApiTest extends ApiTestSupport {

    @LocalServerPort
    private int port;

    @Test
    void anHttpVersionTheServerDoesNotSpeak_isRefusedInTheDialectOfItsPath() throws IOException {
        UUID org = createOrganization(email("owner"));

        for (String path : readPaths(org)) {
            for (String version : List.of("HTTP/1.2", "HTTP/2.0", "HTTP/9.9")) {
                HttpResult refused = RawHttp.send(port, "GET " + path + " " + version + "\r\nHost: localhost\r\nConnection: close",
                        new byte[0]);

                assertThat(ErrorShapes.problemWith(path, refused)).as(version + " " + path).isNull();
            }
        }
    }

    @Test
    void connect_isRefusedInTheDialectOfItsPath() throws IOException {
        UUID org = createOrganization(email("owner"));

        for (String path : readPaths(org)) {
            HttpResult refused = RawHttp.send(port, "CONNECT " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close",
                    new byte[0]);

            assertThat(ErrorShapes.problemWith(path, refused)).as(path).isNull();
        }
    }

    @Test
    void aTransferCodingTheServerDoesNotImplement_isRefusedInTheDialectOfItsPath_andWritesNothing() throws IOException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String token = TestTokens.user(owner);

        for (String path : groupCreationPaths(org)) {
            HttpResult refused = RawHttp.send(port, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close",
                    chunked(groupBody(path)));

            assertThat(ErrorShapes.problemWith(path, refused)).as(path).isNull();
        }
        assertThat(groupsOf(org)).isZero();
    }

    @Test
    void aBrokenChunk_is400InTheDialectOfItsPath_andWritesNothing() throws IOException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String token = TestTokens.user(owner);

        for (String path : groupCreationPaths(org)) {
            byte[] body = groupBody(path).getBytes(StandardCharsets.UTF_8);
            byte[] broken = ("ZZ\r\n" + new String(body, StandardCharsets.UTF_8) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            HttpResult refused = RawHttp.send(port, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close", broken);

            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(ErrorShapes.problemWith(path, refused)).as(path).isNull();
            assertThat(refused.body()).as(path).contains("chunked transfer coding");
        }
        assertThat(groupsOf(org)).isZero();
        HttpResult wellChunked = RawHttp.send(port, "POST /v1/organizations/" + org + "/groups HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close", chunked("{\"name\":\"Chunked\"}"));
        assertThat(wellChunked.status()).isEqualTo(201);
    }

    @Test
    void aBodyCutShortOfItsLength_isRefusedInTheDialectOfItsPath_andWritesNothing() throws IOException {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String token = TestTokens.user(owner);
        long events = eventsOf(org);
        List<String> paths = new java.util.ArrayList<>(groupCreationPaths(org));
        paths.add("/workspace/orgs/" + org + "/members/users");

        for (String path : paths) {
            for (String framing : List.of("Content-Length: 400", "Transfer-Encoding: chunked")) {
                String body = path.startsWith("/workspace/")
                        ? "{\"users\": [{\"email\": \"" + email("cut") + "\", \"roles\": []}]}" : groupBody(path);
                byte[] sent = framing.startsWith("Transfer")
                        ? (Integer.toHexString(body.length()) + "\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8) // no last chunk
                        : body.getBytes(StandardCharsets.UTF_8);
                HttpResult refused = RawHttp.sendAndStop(port, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n" + framing, sent);

                assertThat(refused.status()).as(framing + " " + path).isEqualTo(path.startsWith("/workspace/") ? 422 : 400);
                assertThat(ErrorShapes.problemWith(path, refused)).as(framing + " " + path).isNull();
                assertThat(refused.body()).as(framing + " " + path).contains("ended before its declared length");
            }
        }
        assertThat(groupsOf(org)).isZero();
        assertThat(eventsOf(org)).isEqualTo(events);
    }

    @Test
    void aContentTypeNamingNoOneType_is415InTheDialectOfItsPath_andWritesNothing() {
        String owner = email("owner");
        UUID org = createOrganization(owner);

        for (String path : groupCreationPaths(org)) {
            for (String contentType : List.of("*/*", "application/*", "text/*; charset=utf-8", "*")) {
                HttpResult refused = http.as(TestTokens.user(owner)).header("Content-Type", contentType)
                        .post(path, groupBody(path));

                assertThat(refused.status()).as(contentType + " " + path).isEqualTo(415);
                assertThat(ErrorShapes.problemWith(path, refused)).as(contentType + " " + path).isNull();
            }
        }
        HttpResult invite = http.as(TestTokens.user(owner)).header("Content-Type", "application/*")
                .post("/workspace/orgs/" + org + "/members/users", "{\"users\": [{\"email\": \"" + email("x") + "\", \"roles\": []}]}");
        assertThat(invite.status()).isEqualTo(415);
        assertThat(groupsOf(org)).isZero();
        assertThat(http.as(TestTokens.user(owner)).header("Content-Type", "*/*").get("/v1/organizations/" + org).status())
                .as("a request without a body is not judged by its Content-Type").isEqualTo(200);
    }

    @Test
    void aContentTypeWhoseCharsetIsNoName_is415InTheDialectOfItsPath_andWritesNothing_andARequestWithoutABodyIsServed() {
        String owner = email("owner");
        UUID org = createOrganization(owner);

        for (String path : groupCreationPaths(org)) {
            for (String charset : List.of("", "\"\"", "*", "%", "+utf8", "'utf8'", "bogus")) {
                String contentType = "application/json; charset=" + charset;
                HttpResult refused = http.as(TestTokens.user(owner)).header("Content-Type", contentType)
                        .post(path, groupBody(path));

                assertThat(refused.status()).as(contentType + " " + path).isEqualTo(415);
                assertThat(ErrorShapes.problemWith(path, refused)).as(contentType + " " + path).isNull();
            }
        }
        // refused before the body is read, so before its key is claimed
        String key = "charset-" + UUID.randomUUID();
        HttpResult keyed = http.as(TestTokens.user(owner)).header("Content-Type", "application/json; charset=bogus")
                .header("Idempotency-Key", key).post("/v1/organizations/" + org + "/groups", "{\"name\": \"x\"}");
        assertThat(keyed.status()).isEqualTo(415);
        assertThat(keyed.body()).contains("names a charset the service cannot read");
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_key_v1 WHERE key = :key").param("key", key)
                .query(Long.class).single()).isZero();
        assertThat(http.as(TestTokens.user(owner)).header("Content-Type", "application/json; charset=\"utf-8\"")
                .post("/v1/organizations/" + org + "/groups", "{\"name\": \"Quoted\"}").status()).isEqualTo(201);
        assertThat(groupsOf(org)).isOne();
        assertThat(http.as(TestTokens.user(owner)).header("Content-Type", "application/json; charset=")
                .get("/v1/organizations/" + org).status()).isEqualTo(200);
        // the management endpoints judge a request's Content-Type with or without a body, as they judge charset=bogus
        HttpResult health = http.anonymous().header("Content-Type", "application/json; charset=*").get("/actuator/health");
        assertThat(health.status()).isEqualTo(415);
        assertThat(ErrorShapes.problemWith("/actuator/health", health)).isNull();
        assertThat(health.header("X-Request-Id")).isNotNull();
    }

    @Test
    void theErrorPageAskedForByItsPath_is404() {
        for (String method : List.of("GET", "POST", "DELETE")) {
            HttpResult result = http.anonymous().send(method, "/error", null);

            assertThat(result.status()).as(method).isEqualTo(404);
            assertThat(ErrorShapes.problemWith("/error", result)).as(method).isNull();
        }
    }

    private static List<String> readPaths(UUID org) {
        return List.of("/workspace/orgs/" + org + "/members/users", "/docspace/" + org + "/api/2.0/group",
                "/client/v4/accounts/" + org + "/members", "/v1/organizations/" + org);
    }

    private static List<String> groupCreationPaths(UUID org) {
        return List.of("/v1/organizations/" + org + "/groups", "/docspace/" + org + "/api/2.0/group",
                "/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups");
    }

    private static String groupBody(String path) {
        return path.startsWith("/docspace/") ? "{\"groupName\":\"Refused\",\"groupManager\":null}" : "{\"name\":\"Refused\"}";
    }

    private static byte[] chunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (Integer.toHexString(bytes.length) + "\r\n" + body + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private long groupsOf(UUID org) {
        return jdbc.sql("SELECT count(*) FROM read.group_v1 WHERE organization_id = :org").param("org", org)
                .query(Long.class).single();
    }
}
