package dev.membership.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A write without a token reaches only the public paths (health, the documentation), which write nothing: it takes
 * no write turn, which it could hold by sending its body slowly, and keeps no idempotency key. A caller's write takes
 * its turn only once its whole body has arrived.
 */
@TestPropertySource(properties = {"membership.http.max-concurrent-writes=1", "membership.http.write-wait=PT1S"})
class UnauthenticatedWritesApiTest extends ApiTestSupport {

    @LocalServerPort
    int port;

    @Test
    void aWriteWithoutATokenWhoseBodyNeverArrives_holdsNoWriteTurn() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        try (Socket slow = new Socket("localhost", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /actuator/health HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nIdempotency-Key: slow-" + UUID.randomUUID() + "\r\n"
                    + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the request is in, its body on its way

            HttpResult created = http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups",
                    "{\"name\": \"While a stranger stalls\"}");

            assertThat(created.status()).as("%s", created).isEqualTo(201);
        }
    }

    @Test
    void aCallersWriteWhoseBodyNeverArrives_holdsNoWriteTurn_whileItsBodyIsAwaited() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        try (Socket slow = new Socket("localhost", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /v1/organizations/" + org + "/groups HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestTokens.user(owner) + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nIdempotency-Key: slow-" + UUID.randomUUID() + "\r\n"
                    + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the request is in, past its token, its body on its way

            HttpResult created = http.as(TestTokens.user(owner)).post("/v1/organizations/" + org + "/groups",
                    "{\"name\": \"While a member stalls\"}");

            assertThat(created.status()).as("%s", created).isEqualTo(201);
        }
    }

    @Test
    void aWriteWithoutAToken_keepsNoIdempotencyKey() {
        String key = "anonymous-" + UUID.randomUUID();

        HttpResult first = http.anonymous().header("Idempotency-Key", key).post("/error", "{}");
        HttpResult again = http.anonymous().header("Idempotency-Key", key).post("/error", "{}");

        assertThat(first.status()).isGreaterThanOrEqualTo(400);
        assertThat(again.header("Idempotent-Replayed")).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_key_v1 WHERE key = :key").param("key", key)
                .query(Long.class).single()).isZero();
    }
}
