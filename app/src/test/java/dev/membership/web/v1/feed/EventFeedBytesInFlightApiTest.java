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
 * The events the streams have read and not yet written are bounded in bytes: while clients that stopped reading hold
 * all of that room, other streams wait for it rather than read more into the heap, and go on once it is freed.
 */
@TestPropertySource(properties = {"membership.feed.poll-interval=PT10M", "membership.feed.heartbeat=PT10M",
        "membership.feed.max-bytes-in-flight=524288"})
class EventFeedBytesInFlightApiTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Test
    void whileStalledStreamsHoldAllTheRoom_anotherStreamWaits_andGoesOnOnceItIsFreed() throws Exception {
        EventStreams.storeLargeEvents(http);
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String userRole = roleId(org, owner, "User");
        awaitAudit();
        JsonNode before = JSON.readTree(http.as(TestTokens.user(owner)).get("/v1/events?org=" + org + "&limit=1000").body());
        long last = before.get(before.size() - 1).get("position").asLong();

        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stalled.add(EventStreams.openNeverRead(port, "/v1/events/stream?after=0"));
        }
        Thread.sleep(3_000); // their writes fill the buffers and wait, holding the room
        HttpResponse<InputStream> stream = EventStreams.open(port, TestTokens.user(owner),
                "/v1/events/stream?org=" + org + "&after=" + last, null);
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<JsonNode> firstEvent = CompletableFuture.supplyAsync(() -> EventStreams.firstEvent(stream.body()));
        String invited = email("invited");
        assertThat(http.as(TestTokens.user(owner)).post("/workspace/orgs/" + org + "/members/users",
                "{\"users\": [{\"email\": \"" + invited + "\", \"roles\": [\"" + userRole + "\"]}]}").status()).isEqualTo(201);
        Thread.sleep(3_000);
        boolean arrivedWhileHeld = firstEvent.isDone();

        for (Socket socket : stalled) {
            socket.close(); // their writes fail, and give the room back
        }
        JsonNode event = firstEvent.get(20, TimeUnit.SECONDS);
        stream.body().close();

        assertThat(arrivedWhileHeld).as("an event arrived while the stalled streams held all the room").isFalse();
        assertThat(event.get("type").asText()).endsWith("UserInvitedEvent");
        assertThat(event.get("data").toString()).contains(invited);
    }
}
