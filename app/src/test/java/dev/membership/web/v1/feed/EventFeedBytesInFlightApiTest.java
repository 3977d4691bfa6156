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
 * The events the streams have read and not yet written are bounded in bytes, in all (2 MiB here) and per caller (one
 * batch here): one caller's clients that stopped reading hold only that caller's share, so other callers' streams go
 * on; when stalled clients of many callers hold all of the room, other streams wait for it rather than read more into
 * the heap, and go on once it is freed.
 */
@TestPropertySource(properties = {"membership.feed.poll-interval=PT10M", "membership.feed.heartbeat=PT10M",
        "membership.feed.max-bytes-in-flight=2097152", "membership.feed.max-bytes-in-flight-per-caller=393216"})
class EventFeedBytesInFlightApiTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Test
    void oneCallersStalledClientsHoldOnlyItsShare_andAnotherCallersStreamGoesOn() throws Exception {
        long before = auditHead();
        EventStreams.storeLargeEvents(http, 6);
        Reader reader = reader();

        List<Socket> stalled = new ArrayList<>();
        try {
            String oneCaller = TestTokens.platformAdmin("stalled-" + UUID.randomUUID());
            for (int i = 0; i < 4; i++) {
                stalled.add(EventStreams.openNeverRead(port, "/v1/events/stream?after=" + before, oneCaller));
            }
            Thread.sleep(3_000); // their writes fill the buffers and wait

            JsonNode event = reader.invited().get(10, TimeUnit.SECONDS);

            assertThat(event.get("type").asText()).endsWith("UserInvitedEvent");
            assertThat(event.get("data").toString()).contains(reader.invitee);
        } finally {
            reader.stream.body().close();
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void whileStalledClientsOfManyCallersHoldAllTheRoom_anotherStreamWaits_andGoesOnOnceItIsFreed() throws Exception {
        long before = auditHead();
        EventStreams.storeLargeEvents(http, 6);

        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // each holds about 0.8 MB: together more than the 2 MiB
            stalled.add(EventStreams.openNeverRead(port, "/v1/events/stream?after=" + before,
                    TestTokens.platformAdmin("stalled-" + UUID.randomUUID())));
        }
        Thread.sleep(3_000); // their writes fill the buffers and wait, holding the room
        Reader reader = reader();
        CompletableFuture<JsonNode> invited = reader.invited();
        Thread.sleep(3_000);
        boolean arrivedWhileHeld = invited.isDone();

        for (Socket socket : stalled) {
            socket.close(); // their writes fail, and give the room back
        }
        JsonNode event = invited.get(20, TimeUnit.SECONDS);
        reader.stream.body().close();

        assertThat(arrivedWhileHeld).as("an event arrived while the stalled streams held all the room").isFalse();
        assertThat(event.get("type").asText()).endsWith("UserInvitedEvent");
        assertThat(event.get("data").toString()).contains(reader.invitee);
    }

    private long auditHead() {
        awaitAudit();
        return jdbc.sql("SELECT COALESCE(max(position), 0) FROM read.audit_v1").query(Long.class).single();
    }

    /** An organization's owner following its stream from its latest event, and the invitation they will send. */
    private Reader reader() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String userRole = roleId(org, owner, "User");
        awaitAudit();
        JsonNode before = JSON.readTree(http.as(TestTokens.user(owner)).get("/v1/events?org=" + org + "&limit=1000").body());
        long last = before.get(before.size() - 1).get("position").asLong();
        HttpResponse<InputStream> stream = EventStreams.open(port, TestTokens.user(owner),
                "/v1/events/stream?org=" + org + "&after=" + last, null);
        assertThat(stream.statusCode()).isEqualTo(200);
        return new Reader(org, owner, userRole, email("invited"), stream);
    }

    private final class Reader {
        final UUID org;
        final String owner;
        final String userRole;
        final String invitee;
        final HttpResponse<InputStream> stream;

        Reader(UUID org, String owner, String userRole, String invitee, HttpResponse<InputStream> stream) {
            this.org = org;
            this.owner = owner;
            this.userRole = userRole;
            this.invitee = invitee;
            this.stream = stream;
        }

        /** Sends the invitation; answers the stream's first event. */
        CompletableFuture<JsonNode> invited() {
            CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> EventStreams.firstEvent(stream.body()));
            assertThat(http.as(TestTokens.user(owner)).post("/workspace/orgs/" + org + "/members/users",
                    "{\"users\": [{\"email\": \"" + invitee + "\", \"roles\": [\"" + userRole + "\"]}]}").status())
                    .isEqualTo(201);
            return first;
        }
    }
}
