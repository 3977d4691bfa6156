package dev.membership.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.ErrorShapes;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bodies over 1 MiB are refused with 413 in the dialect's shape, whether their length is declared or chunked. */
class RequestBodyLimitApiTest extends ApiTestSupport {

    @LocalServerPort
    private int port;

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413_andAChunkedBodyUnderItIsServed() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String path = "/v1/organizations/" + org + "/groups";
        long before = allEvents();

        HttpResult tooLarge = chunked(path, owner, "{\"name\": \"Big\", \"description\": \"" + "x".repeat(1_100_000) + "\"}");
        HttpResult small = chunked(path, owner, "{\"name\": \"Small\"}");

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(ErrorShapes.problemWith(path, tooLarge)).isNull();
        assertThat(small.status()).as("%s", small).isEqualTo(201);
        assertThat(allEvents()).isEqualTo(before + 1);
    }

    /** A chunked body is counted as it is read, once the caller is known: a stranger's is not waited for. */
    @Test
    void aChunkedBodyWithoutAToken_isAnswered401_withoutWaitingForItsEnd() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /v1/organizations/" + UUID.randomUUID() + "/groups HTTP/1.1\r\n"
                    + "Host: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "1\r\n{\r\n").getBytes(StandardCharsets.US_ASCII)); // and no more chunks
            socket.getOutputStream().flush();

            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 401");
        }
    }

    @Test
    void aChunkedBodyOverTheLimit_isRefusedWith413_alsoWithAnIdempotencyKey() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String path = "/v1/organizations/" + org + "/groups";
        byte[] bytes = ("{\"name\": \"Big\", \"description\": \"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        long before = allEvents();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.user(owner))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "big-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWith413InEachDialect() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String padding = "x".repeat(1_048_577);
        long before = allEvents();
        for (String path : new String[] {"/workspace/orgs/" + org + "/members/users", "/docspace/" + org + "/api/2.0/group",
                "/client/v4/accounts/" + org.toString().replace("-", "") + "/iam/user_groups", "/v1/organizations/" + org + "/groups"}) {
            HttpResult result = http.as(TestTokens.user(owner)).post(path, padding);
            assertThat(result.status()).as("%s", path).isEqualTo(413);
            assertThat(ErrorShapes.problemWith(path, result)).isNull();
        }
        assertThat(allEvents()).isEqualTo(before);
    }

    private HttpResult chunked(String path, String email, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.user(email))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        HttpHeaders headers = response.headers();
        return new HttpResult(response.statusCode(), headers, response.body());
    }
}
