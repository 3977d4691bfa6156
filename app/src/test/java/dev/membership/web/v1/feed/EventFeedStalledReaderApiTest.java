package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.support.TestTokens;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A stream whose client stops reading holds up only itself: with several such streams open, their writes blocked
 * on full socket buffers, a new event still reaches another stream within seconds.
 */
@TestPropertySource(properties = {"membership.feed.poll-interval=PT10M", "membership.feed.heartbeat=PT10M"})
class EventFeedStalledReaderApiTest extends EventFeedApiTestSupport {

    @Test
    void streamsWhoseClientsStopReading_doNotHoldUpTheOtherStreams() throws Exception {
        EventStreams.storeLargeEvents(http, 8);

        List<Socket> stalled = stalledStreams(0, Collections.nCopies(4, TestTokens.platformAdmin()));
        try {
            awaitBytesInFlightAbove(0); // their writes fill the buffers and wait, holding what they have not written
            Reader reader = reader();

            JsonNode event = reader.invited().get(10, TimeUnit.SECONDS);
            reader.close();

            assertThat(event.get("type").asText()).endsWith("UserInvitedEvent");
            assertThat(event.get("data").toString()).contains(reader.invitee);
        } finally {
            close(stalled);
        }
    }
}
