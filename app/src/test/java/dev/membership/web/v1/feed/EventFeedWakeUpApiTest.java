package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A stream is woken when the audit watermark rises: with polls and heartbeats ten minutes apart, a new event still
 * reaches an open stream within seconds.
 */
@TestPropertySource(properties = {"membership.feed.poll-interval=PT10M", "membership.feed.heartbeat=PT10M"})
class EventFeedWakeUpApiTest extends EventFeedApiTestSupport {

    @Test
    void anOpenStreamReceivesANewEventWhenTheWatermarkRises_longBeforeItsNextPoll() throws Exception {
        Reader reader = reader();
        Thread.sleep(500); // the stream's first read, at its opening, is done: the next poll is ten minutes away

        JsonNode event = reader.invited().get(30, TimeUnit.SECONDS);
        reader.close();

        assertThat(event.get("position").asLong()).isGreaterThan(reader.last);
        assertThat(event.get("type").asText()).endsWith("UserInvitedEvent");
        assertThat(event.get("data").toString()).contains(reader.invitee);
    }
}
