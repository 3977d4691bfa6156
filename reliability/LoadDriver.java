import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Write load and verification for the fault script (reliability/run). JDK only, launched as a single source file.
 *
 * <pre>
 *   java LoadDriver.java load  BASE ORGS OUT PREFIX CLIENTS STOP_FILE MAX_SECONDS
 *   java LoadDriver.java list  BASE ORGS OUT                       # invitations of every organization, via the API
 *   java LoadDriver.java check PHASE_DIR PREFIX OUTAGE_FROM_MS OUTAGE_TO_MS
 * </pre>
 *
 * ORGS holds one organization a line: {@code org_id role_id owner_token}. The load sends Evo's
 * {@code POST /workspace/orgs/{org_id}/members/users} with one new email per request and writes one line per request
 * to OUT/requests.tsv: {@code email org outcome start_ms end_ms shape}. The outcome is the HTTP status, {@code refused}
 * (the connection was refused: the request never reached the service) or {@code no-answer} (sent, but no response
 * came: it may or may not have been applied).
 */
public class LoadDriver {

    private static final Pattern EMAIL = Pattern.compile("\"email\":\"([^\"]*)\"");
    private static final String EVO_TYPE = "https://seequent.com/error-codes/workspace-service/";

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "load" -> load(args[1], Path.of(args[2]), Path.of(args[3]), args[4], Integer.parseInt(args[5]),
                    Path.of(args[6]), Integer.parseInt(args[7]));
            case "list" -> list(args[1], Path.of(args[2]), Path.of(args[3]));
            case "check" -> System.exit(check(Path.of(args[1]), args[2], Long.parseLong(args[3]), Long.parseLong(args[4])));
            default -> {
                System.err.println("usage: LoadDriver load|list|check ...");
                System.exit(2);
            }
        }
    }

    record Org(String id, String roleId, String token) {
    }

    static List<Org> orgs(Path file) throws IOException {
        List<Org> orgs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) {
                orgs.add(new Org(f[0], f[1], f[2]));
            }
        }
        return orgs;
    }

    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    // ---------------------------------------------------------------------------------------------------- load

    static void load(String base, Path orgsFile, Path out, String prefix, int clients, Path stopFile, int maxSeconds)
            throws Exception {
        List<Org> orgs = orgs(orgsFile);
        HttpClient http = client();
        Files.createDirectories(out);
        long deadline = System.currentTimeMillis() + maxSeconds * 1000L;
        AtomicLong sent = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        try (BufferedWriter log = Files.newBufferedWriter(out.resolve("requests.tsv"), StandardCharsets.UTF_8)) {
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread thread = new Thread(() -> {
                    long n = 0;
                    while (System.currentTimeMillis() < deadline && !Files.exists(stopFile)) {
                        Org org = orgs.get((int) ((client + n) % orgs.size()));
                        String email = (prefix + "-" + client + "-" + n + "@load.test").toLowerCase(Locale.ROOT);
                        n++;
                        String body = "{\"users\":[{\"email\":\"" + email + "\",\"roles\":[\"" + org.roleId() + "\"]}]}";
                        HttpRequest request = HttpRequest.newBuilder(
                                        URI.create(base + "/workspace/orgs/" + org.id() + "/members/users"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + org.token())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                        long start = System.currentTimeMillis();
                        String outcome;
                        String shape = "-";
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            outcome = Integer.toString(response.statusCode());
                            if (response.statusCode() / 100 == 2) {
                                shape = response.body().contains("\"email\":\"" + email + "\"") ? "ok" : "bad";
                                acked.incrementAndGet();
                            } else {
                                shape = evoShaped(response.body(), response.statusCode()) ? "ok" : "bad";
                                if (shape.equals("bad")) {
                                    sample(out, response.statusCode(), response.body());
                                }
                            }
                        } catch (ConnectException e) {
                            outcome = "refused";
                        } catch (HttpTimeoutException e) {
                            outcome = "no-answer";
                        } catch (IOException e) {
                            // Connect failures sometimes surface as a plain IOException with a ConnectException cause.
                            outcome = e.getCause() instanceof ConnectException ? "refused" : "no-answer";
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        long end = System.currentTimeMillis();
                        sent.incrementAndGet();
                        synchronized (log) {
                            try {
                                log.write(email + "\t" + org.id() + "\t" + outcome + "\t" + start + "\t" + end + "\t"
                                        + shape + "\n");
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                        if (!outcome.startsWith("2")) {
                            // The service is down or failing: do not spin, but keep probing often.
                            sleep(outcome.equals("refused") || outcome.equals("no-answer") ? 100 : 20);
                        }
                    }
                }, "client-" + c);
                thread.start();
                threads.add(thread);
            }
            Thread flusher = new Thread(() -> {
                while (true) {
                    sleep(1000);
                    synchronized (log) {
                        try {
                            log.flush();
                        } catch (IOException e) {
                            return;
                        }
                    }
                }
            });
            flusher.setDaemon(true);
            flusher.start();
            for (Thread thread : threads) {
                thread.join();
            }
        }
        System.err.printf("load %s: %d requests, %d acknowledged%n", prefix, sent.get(), acked.get());
    }

    static synchronized void sample(Path out, int status, String body) {
        try {
            Files.writeString(out.resolve("bad-bodies.txt"), status + " " + body + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // a sample only
        }
    }

    /** Evo's error body: type (under Evo's prefix), title, status (the HTTP status), detail and invalid-params. */
    static boolean evoShaped(String body, int status) {
        String b = body == null ? "" : body.trim();
        return b.startsWith("{") && b.endsWith("}")
                && b.contains("\"type\":\"" + EVO_TYPE)
                && b.contains("\"title\":")
                && (b.contains("\"status\":" + status + ",") || b.contains("\"status\":" + status + "}"))
                && b.contains("\"detail\":")
                && b.contains("\"invalid-params\":");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------------- list

    static void list(String base, Path orgsFile, Path out) throws Exception {
        HttpClient http = client();
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Org org : orgs(orgsFile)) {
                int offset = 0;
                int limit = 1000;
                while (true) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/workspace/orgs/" + org.id()
                                    + "/members/invitations?limit=" + limit + "&offset=" + offset))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + org.token())
                            .GET()
                            .build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("GET invitations of " + org.id() + " answered "
                                + response.statusCode() + ": " + response.body());
                    }
                    String body = response.body();
                    int results = body.indexOf("\"results\":");
                    Matcher m = EMAIL.matcher(body);
                    int count = 0;
                    while (m.find(results < 0 ? 0 : results)) {
                        writer.write(org.id() + "\t" + m.group(1) + "\n");
                        count++;
                        results = m.end();
                    }
                    if (count < limit) {
                        break;
                    }
                    offset += limit;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- check

    /**
     * Compares what the load saw with what the service holds. PHASE_DIR holds requests.tsv (the load), events.tsv
     * ({@code org email count} of UserInvitedEvent rows), readmodel.tsv ({@code org email count} of read.member_v1
     * rows) and api.tsv ({@code org email}, one line per listed invitation). Prints the figures as {@code key=value}
     * lines and returns 1 on any loss, duplicate or wrongly shaped answer.
     */
    static int check(Path dir, String prefix, long outageFrom, long outageTo) throws IOException {
        Map<String, String> acked = new LinkedHashMap<>();
        Map<String, String> unanswered = new LinkedHashMap<>();
        Map<String, Integer> statuses = new java.util.TreeMap<>();
        List<Long> failedLatencies = new ArrayList<>();
        int badShape = 0;
        int refused = 0;
        long firstAckAfterOutage = -1;
        long lastAckBeforeOutage = -1;
        long firstFailure = -1;
        long lastFailure = -1;
        for (String line : Files.readAllLines(dir.resolve("requests.tsv"))) {
            String[] f = line.split("\t");
            if (f.length < 6) {
                continue;
            }
            String key = f[1] + "\t" + f[0];
            String outcome = f[2];
            long start = Long.parseLong(f[3]);
            long end = Long.parseLong(f[4]);
            statuses.merge(outcome, 1, Integer::sum);
            if (f[5].equals("bad")) {
                badShape++;
            }
            if (outcome.startsWith("2")) {
                acked.put(key, outcome);
                if (outageTo > 0 && start >= outageTo && (firstAckAfterOutage < 0 || end < firstAckAfterOutage)) {
                    firstAckAfterOutage = end;
                }
                if (outageFrom > 0 && end <= outageFrom) {
                    lastAckBeforeOutage = Math.max(lastAckBeforeOutage, end);
                }
            } else if (outcome.equals("no-answer")) {
                unanswered.put(key, outcome);
            } else if (outcome.equals("refused")) {
                refused++;
            } else {
                failedLatencies.add(end - start);
                firstFailure = firstFailure < 0 ? start : Math.min(firstFailure, start);
                lastFailure = Math.max(lastFailure, end);
            }
        }
        Map<String, Integer> events = counts(dir.resolve("events.tsv"));
        Map<String, Integer> readModel = counts(dir.resolve("readmodel.tsv"));
        Map<String, Integer> api = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("api.tsv"))) {
            if (!line.isBlank()) {
                api.merge(line, 1, Integer::sum);
            }
        }
        int found = 0;
        int lostEvents = 0;
        int lostReadModel = 0;
        int lostApi = 0;
        List<String> lostSamples = new ArrayList<>();
        for (String key : acked.keySet()) {
            boolean inEvents = events.getOrDefault(key, 0) > 0;
            boolean inReadModel = readModel.getOrDefault(key, 0) > 0;
            boolean inApi = api.getOrDefault(key, 0) > 0;
            lostEvents += inEvents ? 0 : 1;
            lostReadModel += inReadModel ? 0 : 1;
            lostApi += inApi ? 0 : 1;
            if (inEvents && inReadModel && inApi) {
                found++;
            } else if (lostSamples.size() < 5) {
                lostSamples.add(key.replace('\t', ' ') + " events=" + inEvents + " readModel=" + inReadModel
                        + " api=" + inApi);
            }
        }
        // Duplicates anywhere, not only among the acknowledged: one invitation per organization and email.
        int duplicated = 0;
        Set<String> duplicatedKeys = new HashSet<>();
        for (Map<String, Integer> source : List.of(events, readModel, api)) {
            source.forEach((key, count) -> {
                if (count > 1) {
                    duplicatedKeys.add(key);
                }
            });
        }
        duplicated = duplicatedKeys.size();
        int unansweredPresent = 0;
        for (String key : unanswered.keySet()) {
            if (events.getOrDefault(key, 0) > 0) {
                unansweredPresent++;
            }
        }
        // An invitation the service holds that the load never sent would be a phantom write.
        Set<String> sent = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("requests.tsv"))) {
            String[] f = line.split("\t");
            if (f.length >= 2) {
                sent.add(f[1] + "\t" + f[0]);
            }
        }
        int unexpected = 0;
        for (String key : events.keySet()) {
            if (key.contains("\t" + prefix.toLowerCase(Locale.ROOT) + "-") && !sent.contains(key)) {
                unexpected++;
            }
        }
        // A readable invitation whose request was answered with an error (not 2xx, not unanswered): a write the
        // client was told failed but that happened anyway.
        int failedButPresent = 0;
        for (String line : Files.readAllLines(dir.resolve("requests.tsv"))) {
            String[] f = line.split("\t");
            if (f.length >= 6 && !f[2].startsWith("2") && !f[2].equals("no-answer") && !f[2].equals("refused")
                    && events.getOrDefault(f[1] + "\t" + f[0], 0) > 0) {
                failedButPresent++;
            }
        }

        int non503 = 0;
        for (Map.Entry<String, Integer> e : statuses.entrySet()) {
            String s = e.getKey();
            if (!s.startsWith("2") && !s.equals("503") && !s.equals("refused") && !s.equals("no-answer")) {
                non503 += e.getValue();
            }
        }

        PrintStream out = System.out;
        out.println("requests=" + statuses.values().stream().mapToInt(Integer::intValue).sum());
        out.println("outcomes=" + statuses);
        out.println("acknowledged=" + acked.size());
        out.println("found=" + found);
        out.println("lost=" + (acked.size() - found));
        out.println("lost_event_store=" + lostEvents);
        out.println("lost_read_model=" + lostReadModel);
        out.println("lost_api=" + lostApi);
        out.println("duplicated=" + duplicated);
        out.println("unanswered=" + unanswered.size());
        out.println("unanswered_present=" + unansweredPresent);
        out.println("refused=" + refused);
        out.println("failed_but_present=" + failedButPresent);
        out.println("unexpected=" + unexpected);
        out.println("error_answers=" + failedLatencies.size());
        out.println("error_answers_not_503=" + non503);
        out.println("wrong_shape=" + badShape);
        if (!failedLatencies.isEmpty()) {
            failedLatencies.sort(Long::compare);
            out.println("error_latency_ms_median=" + failedLatencies.get(failedLatencies.size() / 2));
            out.println("error_latency_ms_p95=" + failedLatencies.get((int) Math.min(failedLatencies.size() - 1,
                    Math.ceil(failedLatencies.size() * 0.95) - 1)));
            out.println("error_latency_ms_max=" + failedLatencies.get(failedLatencies.size() - 1));
            out.println("first_error_at_ms=" + firstFailure);
            out.println("last_error_at_ms=" + lastFailure);
        }
        if (outageTo > 0) {
            out.println("last_ack_before_outage_ms=" + lastAckBeforeOutage);
            out.println("first_ack_after_outage_ms=" + firstAckAfterOutage);
            out.println("first_ack_after_outage_delay_ms=" + (firstAckAfterOutage < 0 ? -1 : firstAckAfterOutage - outageTo));
        }
        for (String sample : lostSamples) {
            out.println("lost_sample=" + sample);
        }
        boolean fail = acked.size() != found || duplicated > 0 || badShape > 0 || non503 > 0 || unexpected > 0;
        return fail ? 1 : 0;
    }

    static Map<String, Integer> counts(Path file) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                counts.merge(f[0] + "\t" + f[1], Integer.parseInt(f[2].trim()), Integer::sum);
            }
        }
        return counts;
    }
}
