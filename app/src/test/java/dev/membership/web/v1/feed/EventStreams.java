package dev.membership.web.v1.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.support.Http;
import dev.membership.support.TestTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** Opens the event feed's Server-Sent Events stream as a consumer does. */
final class EventStreams {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventStreams() {
    }

    /** The stream at {@code path} with the bearer token, resumed after {@code lastEventId} when it is not null. */
    static HttpResponse<InputStream> open(int port, String token, String path, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * A stream at {@code path} with the bearer token, on a socket with a small receive buffer that is never read:
     * once the socket's buffers are full, the server's writes to it wait.
     */
    static Socket openNeverRead(int port, String path, String token) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /**
     * Stores {@code count} events of some 0.8 MB each (directory groups of 10,000 people); six are more than a
     * stalled stream's socket buffers take.
     */
    static void storeLargeEvents(Http http, int count) {
        for (int group = 0; group < count; group++) {
            StringBuilder members = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                members.append(i == 0 ? "" : ",").append("{\"email\":\"member-").append(i)
                        .append("@stalled-readers.test\",\"fullName\":\"Member Number ").append(i).append("\"}");
            }
            int status = http.as(TestTokens.platformAdmin()).put("/v1/directory/groups/stalled-" + UUID.randomUUID(),
                    "{\"name\":\"Stalled readers " + group + "\",\"federated\":false,\"members\":[" + members + "]}").status();
            if (status != 201) {
                throw new AssertionError("Could not store a directory group: " + status);
            }
        }
    }

    /** The first event a stream sends, its CloudEvent as JSON. */
    static JsonNode firstEvent(InputStream body) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            return nextEvent(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event a stream sends on {@code lines}, its CloudEvent as JSON (comments and ids are passed). */
    static JsonNode nextEvent(BufferedReader lines) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("data:")) {
                return JSON.readTree(line.substring(5));
            }
        }
        throw new AssertionError("The stream ended without an event");
    }
}
