package dev.membership.web.v1.feed;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Opens the event feed's Server-Sent Events stream as a consumer does. */
final class EventStreams {

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
}
