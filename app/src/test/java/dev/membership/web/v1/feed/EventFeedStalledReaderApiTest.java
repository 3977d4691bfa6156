package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.TestTokens;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A stream whose client stops reading holds up only itself: with several such streams open, their writes blocked
 * on full socket buffers, a new event still reaches another stream within seconds.
 */
@TestPropertySource(properties = {"membership.feed.poll-interval=PT10M", "membership.feed.heartbeat=PT10M"})
class EventFeedStalledReaderApiTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STALLED = 4;

    @LocalServerPort
    private int port;

    @Test
    void streamsWhoseClientsStopReading_doNotHoldUpTheOtherStreams() throws Exception {
        // some 6 MB of events, more than a stalled stream's socket buffers take
        for (int group = 0; group < 6; group++) {
            StringBuilder members = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                members.append(i == 0 ? "" : ",").append("{\"email\":\"member-").append(i)
                        .append("@stalled-readers.test\",\"fullName\":\"Member Number ").append(i).append("\"}");
            }
            int status = http.as(TestTokens.platformAdmin()).put("/v1/directory/groups/stalled-" + UUID.randomUUID(),
                    "{\"name\":\"Stalled readers " + group + "\",\"federated\":false,\"members\":[" + members + "]}").status();
            assertThat(status).isEqualTo(201);
        }
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String userRole = roleId(org, owner, "User");
        awaitAudit();
        JsonNode before = JSON.readTree(http.as(TestTokens.user(owner)).get("/v1/events?org=" + org + "&limit=1000").body());
        long last = before.get(before.size() - 1).get("position").asLong();

        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                stalled.add(streamNeverRead("/v1/events/stream?after=0"));
            }
            Thread.sleep(3_000); // their writes fill the buffers and wait

            HttpResponse<InputStream> stream = EventStreams.open(port, TestTokens.user(owner),
                    "/v1/events/stream?org=" + org + "&after=" + last, null);
            assertThat(stream.statusCode()).isEqualTo(200);
            CompletableFuture<JsonNode> firstEvent = CompletableFuture.supplyAsync(() -> firstEvent(stream.body()));
            String invited = email("invited");
            assertThat(http.as(TestTokens.user(owner)).post("/workspace/orgs/" + org + "/members/users",
                    "{\"users\": [{\"email\": \"" + invited + "\", \"roles\": [\"" + userRole + "\"]}]}").status()).isEqualTo(201);

            JsonNode event = firstEvent.get(10, TimeUnit.SECONDS);
            stream.body().close();
            assertThat(event.get("type").asText()).endsWith("UserInvitedEvent");
            assertThat(event.get("data").toString()).contains(invited);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** A platform admin's stream from the first event, on a socket with a small receive buffer that is never read. */
    private Socket streamNeverRead(String path) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + TestTokens.platformAdmin() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static JsonNode firstEvent(InputStream body) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    return JSON.readTree(line.substring(5));
                }
            }
            throw new AssertionError("The stream ended without an event");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
