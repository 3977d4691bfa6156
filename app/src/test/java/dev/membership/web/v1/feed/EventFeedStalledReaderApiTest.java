package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.TestTokens;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
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
        EventStreams.storeLargeEvents(http, 6);
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String userRole = roleId(org, owner, "User");
        awaitAudit();
        JsonNode before = JSON.readTree(http.as(TestTokens.user(owner)).get("/v1/events?org=" + org + "&limit=1000").body());
        long last = before.get(before.size() - 1).get("position").asLong();

        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                stalled.add(EventStreams.openNeverRead(port, "/v1/events/stream?after=0", TestTokens.platformAdmin()));
            }
            Thread.sleep(3_000); // their writes fill the buffers and wait

            HttpResponse<InputStream> stream = EventStreams.open(port, TestTokens.user(owner),
                    "/v1/events/stream?org=" + org + "&after=" + last, null);
            assertThat(stream.statusCode()).isEqualTo(200);
            CompletableFuture<JsonNode> firstEvent = CompletableFuture.supplyAsync(() -> EventStreams.firstEvent(stream.body()));
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
}
