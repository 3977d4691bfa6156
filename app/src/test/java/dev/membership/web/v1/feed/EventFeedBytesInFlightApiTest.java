package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.TestTokens;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The events the streams have read and not yet written are bounded in bytes, in all (2 MiB here) and per caller (one
 * batch here): one caller's clients that stopped reading hold only that caller's share, so other callers' streams go
 * on; when stalled clients of many callers hold all of the room, other streams wait for it rather than read more into
 * the heap, and go on once it is freed.
 */
@TestPropertySource(properties = {"membership.feed.poll-interval=PT10M", "membership.feed.heartbeat=PT10M",
        "membership.feed.max-bytes-in-flight=2097152", "membership.feed.max-bytes-in-flight-per-caller=393216"})
class EventFeedBytesInFlightApiTest extends EventFeedApiTestSupport {

    private static final long ROOM = 2097152;
    private static final long SHARE = 393216;

    @Test
    void oneCallersStalledClientsHoldOnlyItsShare_andAnotherCallersStreamGoesOn() throws Exception {
        long before = auditHead();
        EventStreams.storeLargeEvents(http, 8);
        Reader reader = reader();

        List<Socket> stalled = stalledStreams(before,
                Collections.nCopies(4, TestTokens.platformAdmin("stalled-" + UUID.randomUUID())));
        try {
            awaitBytesInFlightAbove(SHARE - 1); // their writes fill the buffers and wait, holding the caller's share

            JsonNode event = reader.invited().get(10, TimeUnit.SECONDS);

            assertThat(event.get("type").asText()).endsWith("UserInvitedEvent");
            assertThat(event.get("data").toString()).contains(reader.invitee);
        } finally {
            reader.close();
            close(stalled);
        }
    }

    @Test
    void whileStalledClientsOfManyCallersHoldAllTheRoom_anotherStreamWaits_andGoesOnOnceItIsFreed() throws Exception {
        long before = auditHead();
        EventStreams.storeLargeEvents(http, 8);

        List<String> manyCallers = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // each holds about 0.8 MB: together more than the 2 MiB
            manyCallers.add(TestTokens.platformAdmin("stalled-" + UUID.randomUUID()));
        }
        List<Socket> stalled = stalledStreams(before, manyCallers);
        awaitBytesInFlightAbove(ROOM - EventFeedController.BATCH_RESERVATION); // no batch fits any more
        Reader reader = reader();
        CompletableFuture<JsonNode> invited = reader.invited();
        // the room stays held for as long as the stalled streams' writes wait; should the machine's socket buffers
        // take one of their events whole meanwhile, that event's room is given back, and the new stream may go on
        long leastHeld = Long.MAX_VALUE;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3); System.nanoTime() < end && !invited.isDone(); ) {
            leastHeld = Math.min(leastHeld, feed.bytesInFlight());
            Thread.sleep(10);
        }
        boolean arrivedWhileHeld = invited.isDone() && leastHeld > ROOM - EventFeedController.BATCH_RESERVATION;

        close(stalled); // their writes fail, and give the room back
        JsonNode event;
        try {
            event = invited.get(20, TimeUnit.SECONDS);
        } finally {
            reader.close();
        }

        assertThat(arrivedWhileHeld).as("an event arrived while the stalled streams held all the room").isFalse();
        assertThat(event.get("type").asText()).endsWith("UserInvitedEvent");
        assertThat(event.get("data").toString()).contains(reader.invitee);
    }

    private long auditHead() {
        awaitAudit();
        return jdbc.sql("SELECT COALESCE(max(position), 0) FROM read.audit_v1").query(Long.class).single();
    }
}
