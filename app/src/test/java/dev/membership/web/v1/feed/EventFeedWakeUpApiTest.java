package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.TestTokens;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A stream is woken when the audit watermark rises: with polls and heartbeats ten minutes apart, a new event still
 * reaches an open stream within seconds.
 */
@TestPropertySource(properties = {"membership.feed.poll-interval=PT10M", "membership.feed.heartbeat=PT10M"})
class EventFeedWakeUpApiTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Test
    void anOpenStreamReceivesANewEventWhenTheWatermarkRises_longBeforeItsNextPoll() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String userRole = roleId(org, owner, "User");
        awaitAudit();
        JsonNode before = JSON.readTree(http.as(TestTokens.user(owner)).get("/v1/events?org=" + org + "&limit=1000").body());
        long last = before.get(before.size() - 1).get("position").asLong();

        HttpResponse<InputStream> stream = EventStreams.open(port, TestTokens.user(owner),
                "/v1/events/stream?org=" + org + "&after=" + last, null);
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<JsonNode> firstEvent = CompletableFuture.supplyAsync(() -> EventStreams.firstEvent(stream.body()));
        Thread.sleep(500); // the stream's first read, at its opening, is done: the next poll is ten minutes away

        String invited = email("invited");
        assertThat(http.as(TestTokens.user(owner)).post("/workspace/orgs/" + org + "/members/users",
                "{\"users\": [{\"email\": \"" + invited + "\", \"roles\": [\"" + userRole + "\"]}]}").status()).isEqualTo(201);

        JsonNode event = firstEvent.get(30, TimeUnit.SECONDS);
        stream.body().close();
        assertThat(event.get("position").asLong()).isGreaterThan(last);
        assertThat(event.get("type").asText()).endsWith("UserInvitedEvent");
        assertThat(event.get("data").toString()).contains(invited);
    }
}
