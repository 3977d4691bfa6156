package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The event feed as a downstream consumer uses it: pages from position 0, then the SSE stream, resumed. */
@TestPropertySource(properties = {"membership.feed.heartbeat=PT0.3S", "membership.feed.poll-interval=PT0.05S"})
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a stream that neither ends nor sends would block a read for ever
class EventFeedApiTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Test
    void aConsumerReadsFromZeroThenFollowsTheStream_resumedMidBurst_andGetsEveryEventOnceInOrder() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        String userRole = roleId(org, owner, "User");
        asOwner.post("/workspace/orgs/" + org + "/members/users",
                "{\"users\": [{\"email\": \"" + email("early") + "\", \"roles\": [\"" + userRole + "\"]}]}");
        awaitAudit();

        List<Long> received = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(asOwner.get("/v1/events?org=" + org + "&limit=2&after=" + after).body());
            if (page.isEmpty()) {
                break;
            }
            for (JsonNode event : page) {
                assertThat(event.get("specversion").asText()).isEqualTo("1.0");
                assertThat(event.get("source").asText()).isEqualTo("/organizations/" + org);
                assertThat(event.get("position").isTextual()).as("position, a string of digits").isTrue();
                assertThat(event.get("position").asText()).matches("[0-9]+");
                received.add(event.get("position").asLong());
                after = event.get("position").asLong();
            }
        }
        assertThat(received).hasSize(3);

        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                asOwner.post("/workspace/orgs/" + org + "/members/users",
                        "{\"users\": [{\"email\": \"" + email("burst" + i) + "\", \"roles\": [\"" + userRole + "\"]}]}");
            }
        });
        List<Long> firstHalf = follow(owner, org, received.get(received.size() - 1), 7);
        received.addAll(firstHalf);
        burst.join();
        awaitAudit();
        long expected = jdbc.sql("SELECT count(*) FROM read.audit_v1 WHERE organization_id = :org")
                .param("org", org).query(Long.class).single();
        List<Long> secondHalf = follow(owner, org, received.get(received.size() - 1), (int) (expected - received.size()));
        received.addAll(secondHalf);

        assertThat(received).hasSize((int) expected).doesNotHaveDuplicates().isSorted();
        assertThat(expected).isEqualTo(23);
    }

    @Test
    void theStreamSendsHeartbeats_andStrangersAndUsersAreKeptOut() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String member = email("member");
        membership(org, owner, member, "User");

        HttpResponse<InputStream> response = open(TestTokens.user(owner), "/v1/events/stream?org=" + org + "&after=999999999", null);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            boolean heartbeat = false;
            long deadline = System.currentTimeMillis() + 5000;
            while (!heartbeat && System.currentTimeMillis() < deadline && (line = reader.readLine()) != null) {
                heartbeat = line.equals(":heartbeat");
            }
            assertThat(heartbeat).isTrue();
        }
        assertThat(http.as(TestTokens.user(member)).get("/v1/events?org=" + org).status()).isEqualTo(403);
        assertThat(http.as(TestTokens.user(owner)).get("/v1/events").status()).isEqualTo(403);
        String stranger = email("stranger");
        createOrganization(stranger);
        assertThat(http.as(TestTokens.user(stranger)).get("/v1/events?org=" + org).status()).isEqualTo(404);
        HttpResult all = http.as(TestTokens.platformAdmin()).get("/v1/events?limit=5");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("Content-Type")).startsWith("application/cloudevents-batch+json");
        for (String accept : List.of("application/json", "application/*", "application/cloudevents-batch+json", "*/*")) {
            assertThat(http.as(TestTokens.platformAdmin()).header("Accept", accept).get("/v1/events?limit=1").status())
                    .as(accept).isEqualTo(200);
        }
        HttpResult csv = http.as(TestTokens.platformAdmin()).header("Accept", "text/csv").get("/v1/events?limit=1");
        assertThat(csv.status()).as("%s", csv).isEqualTo(406);
        assertThat(csv.header("Content-Type")).startsWith("application/problem+json");
        assertThat(csv.json().path("code").asText()).isEqualTo("NOT_ACCEPTABLE");
        assertThat(http.as(TestTokens.user(owner)).get("/v1/events?org=" + org + "&limit=0").status()).isEqualTo(422);
        assertThat(open(TestTokens.user(owner), "/v1/events/stream?org=" + org, "not-a-number").statusCode()).isEqualTo(422);
        assertThat(open(TestTokens.user(owner), "/v1/events/stream?org=" + org, "+5").statusCode()).isEqualTo(422);
    }

    @Test
    void aStreamEnds_whenItsCallerLosesAccess_andSendsNothingWrittenAfter() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String auditor = email("auditor");
        membership(org, owner, auditor, "Auditor");
        awaitAudit();
        long head = jdbc.sql("SELECT max(position) FROM read.audit_v1").query(Long.class).single();
        HttpResponse<InputStream> response = open(TestTokens.user(auditor), "/v1/events/stream?org=" + org + "&after=" + head, null);
        assertThat(response.statusCode()).isEqualTo(200);

        Http asOwner = http.as(TestTokens.user(owner));
        assertThat(asOwner.delete("/workspace/orgs/" + org + "/members/users/" + userId(org, owner, auditor)).status()).isEqualTo(204);
        asOwner.post("/v1/organizations/" + org + "/groups", "{\"name\": \"Written after the removal\"}");

        List<String> sent = new ArrayList<>();
        assertThat(endsWithin(response, 15_000, sent)).as("the stream ended").isTrue();
        assertThat(sent).as("events sent after the removal").isEmpty();
        assertThat(open(TestTokens.user(auditor), "/v1/events/stream?org=" + org, Long.toString(head)).statusCode()).isEqualTo(404);
    }

    @Test
    void aStreamEnds_whenItsCallersTokenExpires() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        long opened = System.currentTimeMillis();
        HttpResponse<InputStream> response = open(TestTokens.user(owner, java.time.Duration.ofSeconds(3)),
                "/v1/events/stream?org=" + org + "&after=999999999", null);
        assertThat(response.statusCode()).isEqualTo(200);

        assertThat(endsWithin(response, 15_000, new ArrayList<>())).as("the stream ended").isTrue();
        long ended = System.currentTimeMillis();
        HttpResponse<InputStream> expired = open(TestTokens.user(owner, java.time.Duration.ofSeconds(-20)),
                "/v1/events/stream?org=" + org, null);
        assertThat(expired.statusCode()).as("a token past its expiry, within the verifier's allowance for skew").isEqualTo(401);
        expired.body().close();
        assertThat(ended - opened).as("not before the token expired").isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void eachPageNamesTheNextInItsLinkHeader_andFollowingThemReadsEveryEventOnce() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        Http asOwner = http.as(TestTokens.user(owner));
        for (int i = 0; i < 3; i++) {
            invite(org, owner, email("linked" + i), "User");
        }
        awaitAudit();

        HttpResult first = asOwner.get("/v1/events?org=" + org + "&limit=2");
        JsonNode firstPage = JSON.readTree(first.body());
        assertThat(first.header("Link")).isEqualTo("</v1/events?after=" + firstPage.get(1).get("position").asText()
                + "&limit=2&org=" + org + ">; rel=\"next\"");
        List<Long> read = new ArrayList<>();
        firstPage.forEach(event -> read.add(event.get("position").asLong()));
        String link = first.header("Link");
        int pages = 1;
        while (link != null) {
            String next = link.substring(1, link.indexOf('>'));
            HttpResult page = asOwner.get(next);
            JSON.readTree(page.body()).forEach(event -> read.add(event.get("position").asLong()));
            link = page.header("Link");
            assertThat(++pages).as("pages, at most").isLessThan(10);
        }

        assertThat(read).doesNotHaveDuplicates().isSorted().hasSize((int) eventsOf(org));
    }

    @Test
    void headOfTheStream_answersAtOnce_withItsChecks_andHoldsNoPlace() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String path = "/v1/events/stream?org=" + org + "&after=999999999";
        for (int i = 0; i < 12; i++) {
            HttpResult head = http.as(TestTokens.user(owner)).send("HEAD", path, null);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Type")).startsWith("text/event-stream");
        }
        assertThat(http.as(TestTokens.user(email("stranger"))).send("HEAD", path, null).status()).isEqualTo(404);
        assertThat(http.as(TestTokens.user(owner, java.time.Duration.ofSeconds(-20))).send("HEAD", path, null).status())
                .as("a token past its expiry, within the verifier's allowance for skew, as GET answers").isEqualTo(401);

        List<HttpResponse<InputStream>> held = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                held.add(open(TestTokens.user(owner), path, null));
            }
            assertThat(held).extracting(HttpResponse::statusCode).as("no place was held by a HEAD").containsOnly(200);
        } finally {
            for (HttpResponse<InputStream> stream : held) {
                stream.body().close();
            }
        }
    }

    @Test
    void oneCallerHoldsAtMostTenStreams_otherCallersOpenTheirs_andAClosedStreamFreesItsPlace() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String auditor = email("auditor");
        membership(org, owner, auditor, "Auditor");
        String path = "/v1/events/stream?org=" + org + "&after=999999999";
        List<HttpResponse<InputStream>> held = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                held.add(open(TestTokens.user(owner), path, null));
            }
            HttpResponse<InputStream> eleventh = open(TestTokens.user(owner), path, null);
            held.add(eleventh); // closed at the end, should it be a stream after all
            HttpResponse<InputStream> another = open(TestTokens.user(auditor), path, null);
            held.add(another);

            assertThat(eleventh.statusCode()).isEqualTo(503);
            assertThat(new String(eleventh.body().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("UNAVAILABLE").contains("10 event streams open already");
            assertThat(http.as(TestTokens.user(owner)).send("HEAD", path, null).status())
                    .as("a HEAD hears what a GET would").isEqualTo(503);
            assertThat(http.as(TestTokens.user(auditor)).send("HEAD", path, null).status()).isEqualTo(200);
            assertThat(held).filteredOn(stream -> stream != eleventh).extracting(HttpResponse::statusCode).containsOnly(200);

            held.remove(0).body().close(); // noticed at the stream's next heartbeat
            int status = 503;
            long deadline = System.currentTimeMillis() + 10_000;
            while (status == 503 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                HttpResponse<InputStream> again = open(TestTokens.user(owner), path, null);
                status = again.statusCode();
                if (status == 200) {
                    held.add(again);
                } else {
                    again.body().close();
                }
            }
            assertThat(status).isEqualTo(200);
        } finally {
            for (HttpResponse<InputStream> stream : held) {
                stream.body().close();
            }
        }
    }

    /** Reads the stream until it ends or {@code millis} pass, adding the type of each event sent; whether it ended. */
    private static boolean endsWithin(HttpResponse<InputStream> response, long millis, List<String> sentTypes) throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            long deadline = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < deadline) {
                String line = reader.readLine();
                if (line == null) {
                    return true;
                }
                if (line.startsWith("data:")) {
                    sentTypes.add(JSON.readTree(line.substring(5)).get("type").asText());
                }
            }
            return false;
        }
    }

    /** Reads {@code count} events from the stream, resuming after {@code lastEventId}, then disconnects. */
    private List<Long> follow(String owner, UUID org, long lastEventId, int count) throws Exception {
        List<Long> positions = new ArrayList<>();
        HttpResponse<InputStream> response = open(TestTokens.user(owner), "/v1/events/stream?org=" + org, Long.toString(lastEventId));
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String line;
            long deadline = System.currentTimeMillis() + 20_000;
            while (positions.size() < count && System.currentTimeMillis() < deadline && (line = reader.readLine()) != null) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    JsonNode event = JSON.readTree(line.substring(5));
                    assertThat(event.get("position").asText()).isEqualTo(id);
                    positions.add(event.get("position").asLong());
                }
            }
        }
        return positions;
    }

    private HttpResponse<InputStream> open(String token, String path, String lastEventId) throws Exception {
        return EventStreams.open(port, token, path, lastEventId);
    }
}
