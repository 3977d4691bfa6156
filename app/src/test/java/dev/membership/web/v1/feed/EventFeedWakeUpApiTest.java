package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.test.context.TestPropertySource;

/**
 * A stream is woken when the audit watermark rises: with polls and heartbeats ten minutes apart, a new event still
 * reaches an open stream within seconds.
 */
@TestPropertySource(properties = {"membership.feed.poll-interval=PT10M", "membership.feed.heartbeat=PT10M"})
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EventFeedWakeUpApiTest extends EventFeedApiTestSupport {

    @Test
    void anOpenStreamReceivesANewEventWhenTheWatermarkRises_longBeforeItsNextPoll() throws Exception {
        Reader reader = reader();
        String second = email("second");
        JsonNode first;
        JsonNode next;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(reader.stream.body(), StandardCharsets.UTF_8))) {
            // sent by whichever read comes first: the stream's opening one, or one woken by the event
            reader.invite(reader.invitee);
            first = EventStreams.nextEvent(lines);
            // the read that sent it is over and the next poll ten minutes away: only a wake-up sends this one
            reader.invite(second);
            next = EventStreams.nextEvent(lines);
        }

        assertThat(first.get("position").asLong()).isGreaterThan(reader.last);
        assertThat(first.get("data").toString()).contains(reader.invitee);
        assertThat(next.get("position").asLong()).isGreaterThan(first.get("position").asLong());
        assertThat(next.get("type").asText()).endsWith("UserInvitedEvent");
        assertThat(next.get("data").toString()).contains(second);
    }
}
