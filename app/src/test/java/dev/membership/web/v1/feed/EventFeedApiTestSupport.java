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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Base of the event stream tests: an organization's owner following its stream, and clients that stop reading. */
abstract class EventFeedApiTestSupport extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;

    @Autowired
    EventFeedController feed;

    /** An organization's owner following its stream from its latest event, and the invitation they will send. */
    protected Reader reader() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String userRole = roleId(org, owner, "User");
        awaitAudit();
        JsonNode before = JSON.readTree(http.as(TestTokens.user(owner)).get("/v1/events?org=" + org + "&limit=1000").body());
        long last = before.get(before.size() - 1).get("position").asLong();
        HttpResponse<InputStream> stream = EventStreams.open(port, TestTokens.user(owner),
                "/v1/events/stream?org=" + org + "&after=" + last, null);
        assertThat(stream.statusCode()).isEqualTo(200);
        return new Reader(org, owner, userRole, email("invited"), last, stream);
    }

    /** Streams from {@code after}, one per token, whose clients never read. */
    protected List<Socket> stalledStreams(long after, List<String> tokens) throws Exception {
        List<Socket> stalled = new ArrayList<>();
        for (String token : tokens) {
            stalled.add(EventStreams.openNeverRead(port, "/v1/events/stream?after=" + after, token));
        }
        return stalled;
    }

    /**
     * Waits until the streams have held more than {@code bytes} read and not yet written for a whole second: their
     * clients have stalled (a stream writing to a client that reads holds its room for milliseconds).
     */
    protected void awaitBytesInFlightAbove(long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long heldSince = -1;
        while (heldSince < 0 || System.nanoTime() - heldSince < TimeUnit.SECONDS.toNanos(1)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The stalled streams hold " + feed.bytesInFlight() + " bytes, not above " + bytes);
            }
            if (feed.bytesInFlight() <= bytes) {
                heldSince = -1;
            } else if (heldSince < 0) {
                heldSince = System.nanoTime();
            }
            Thread.sleep(10);
        }
    }

    protected static void close(List<Socket> sockets) throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    protected final class Reader {
        final UUID org;
        final String owner;
        final String userRole;
        final String invitee;
        /** The position the stream follows from. */
        final long last;
        final HttpResponse<InputStream> stream;

        Reader(UUID org, String owner, String userRole, String invitee, long last, HttpResponse<InputStream> stream) {
            this.org = org;
            this.owner = owner;
            this.userRole = userRole;
            this.invitee = invitee;
            this.last = last;
            this.stream = stream;
        }

        /** Sends the invitation; answers the stream's first event. */
        CompletableFuture<JsonNode> invited() {
            CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> EventStreams.firstEvent(stream.body()));
            invite(invitee);
            return first;
        }

        /** Invites {@code email} to the organization, as its owner. */
        void invite(String email) {
            assertThat(http.as(TestTokens.user(owner)).post("/workspace/orgs/" + org + "/members/users",
                    "{\"users\": [{\"email\": \"" + email + "\", \"roles\": [\"" + userRole + "\"]}]}").status())
                    .isEqualTo(201);
        }

        void close() throws Exception {
            stream.body().close();
        }
    }
}
