import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Data loading and the measurements that wrk cannot make, for bench/run. JDK only.
 *
 *   java bench/Loader.java orgs N OUT                      create N organizations; OUT gets "orgId roleId" lines
 *   java bench/Loader.java big ORG ROLE N OUTDIR           N-1 members plus the owner (invited into the other
 *                                                          organizations of OUTDIR/../orgs.txt, accepted there, then
 *                                                          added as known people), one group holding all of them;
 *                                                          writes ids to OUTDIR
 *   java bench/Loader.java fill ORGS SKIP EVENTS BATCH C    EVENTS invitations in batches over the organizations
 *                                                          of ORGS except SKIP, C requests at a time
 *   java bench/Loader.java replace DIR RUNS                 C4 replacements alternating between all members and
 *                                                          all but 1,000; prints milliseconds per run
 *   java bench/Loader.java lag ORGS RATE SECONDS           writes at RATE/s (wrk), follows the event feed, prints lag
 *                                                          percentiles from acknowledgement to the feed
 *   java bench/Loader.java keycloak URL N OUTDIR           the peer: in the Keycloak at URL (admin password in
 *                                                          KC_ADMIN_PASSWORD), a realm "bench" with N users and a
 *                                                          group holding all of them; OUTDIR/keycloak.env gets a
 *                                                          day-long admin token and the group's id
 *
 * Environment: BENCH_URL (base URL), MEMBERSHIP_AUTH_HS256_SECRET; for lag, BENCH_WRK_DIR (bench/wrk).
 */
public class Loader {

    static final String BASE = System.getenv().getOrDefault("BENCH_URL", "http://127.0.0.1:58080");
    static final String SECRET = System.getenv("MEMBERSHIP_AUTH_HS256_SECRET");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final String ADMIN = token("admin@bench.test", "Bench Admin", "membership:platform-admin");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "orgs" -> orgs(Integer.parseInt(args[1]), Path.of(args[2]));
            case "big" -> big(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]));
            case "fill" -> fill(Path.of(args[1]), args[2], Long.parseLong(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            case "replace" -> replace(Path.of(args[1]), Integer.parseInt(args[2]));
            case "lag" -> lag(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "keycloak" -> keycloak(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    // ---- commands

    static void orgs(int n, Path out) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        parallel(8, n, i -> {
            String body = "{\"name\":\"Bench " + i + "\",\"ownerEmail\":\"owner-" + run + "-" + i
                    + "@bench.test\",\"ownerName\":\"Owner " + i + "\"}";
            String json = send("POST", "/v1/organizations", ADMIN, body, 201);
            String org = first(json, "\"id\":\"([0-9a-f-]{36})\"");
            Matcher role = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"key\":\"user\"").matcher(json);
            if (!role.find()) {
                throw new IllegalStateException("no user role in " + json);
            }
            lines.add(org + " " + role.group(1));
        });
        Files.write(out, lines);
    }

    static void big(String org, String role, int n, Path dir) throws Exception {
        Files.createDirectories(dir);
        String run = Long.toString(System.currentTimeMillis(), 36);
        int people = n - 1;
        // The people are invited into the other organizations (orgs.txt next to DIR) and accept there, so that the
        // acceptances spread over many aggregates; then the big organization adds them as known people, which
        // makes them members at once. Without other organizations they are invited into the big one directly.
        List<String[]> hosts = new ArrayList<>();
        Path orgsFile = dir.toAbsolutePath().getParent().resolve("orgs.txt");
        if (Files.exists(orgsFile)) {
            for (String line : Files.readAllLines(orgsFile)) {
                String[] parts = line.split(" ");
                if (!parts[0].equals(org)) {
                    hosts.add(parts);
                }
            }
        }
        if (hosts.isEmpty()) {
            hosts.add(new String[] {org, role});
        }
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            emails.add("big-" + run + "-" + i + "@bench.test");
        }
        // batches of at most 100 people, each for one host organization
        List<String[]> batches = new ArrayList<>();
        List<List<String>> batchEmails = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            List<String> mine = new ArrayList<>();
            for (int i = h; i < people; i += hosts.size()) {
                mine.add(emails.get(i));
            }
            for (int from = 0; from < mine.size(); from += 100) {
                batches.add(hosts.get(h));
                batchEmails.add(mine.subList(from, Math.min(mine.size(), from + 100)));
            }
        }
        long start = System.nanoTime();
        Map<String, String> invitations = new ConcurrentHashMap<>();
        parallel(4, batches.size(), b -> {
            String json = send("POST", "/workspace/orgs/" + batches.get(b)[0] + "/members/users", ADMIN,
                    users(batchEmails.get(b), batches.get(b)[1]), 201);
            Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"email\":\"([^\"]+)\"").matcher(json);
            while (m.find()) {
                invitations.put(m.group(1), m.group(2));
            }
        });
        System.err.printf("big: %d invited in %.1f s%n", invitations.size(), (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        List<Map.Entry<String, String>> pending = new ArrayList<>(invitations.entrySet());
        parallel(8, pending.size(), i -> {
            String email = pending.get(i).getValue();
            send("POST", "/v1/invitations/" + pending.get(i).getKey() + "/accept", token(email, "Member " + i, ""), "", 200);
        });
        System.err.printf("big: %d accepted in %.1f s%n", pending.size(), (System.nanoTime() - start) / 1e9);
        if (!hosts.get(0)[0].equals(org)) {
            start = System.nanoTime();
            parallel(1, (people + 99) / 100, b -> send("POST", "/workspace/orgs/" + org + "/members/users", ADMIN,
                    users(emails.subList(b * 100, Math.min(people, (b + 1) * 100)), role), 201));
            System.err.printf("big: %d added in %.1f s%n", people, (System.nanoTime() - start) / 1e9);
        }
        String group = first(send("POST", "/v1/organizations/" + org + "/groups", ADMIN,
                "{\"name\":\"Everyone\",\"description\":\"all members\"}", 201), "\"id\":\"([0-9a-f-]{36})\"");
        String account = org.replace("-", "");
        List<String> ids = new ArrayList<>();
        for (int page = 1; ; page++) {
            String json = send("GET", "/client/v4/accounts/" + account + "/members?page=" + page + "&per_page=50&status=accepted",
                    ADMIN, null, 200);
            Matcher m = Pattern.compile("\\{\"id\":\"([0-9a-f]{32})\",\"email\":\"[^\"]*\",\"status\"").matcher(json);
            int before = ids.size();
            while (m.find()) {
                ids.add(m.group(1));
            }
            if (ids.size() == before) {
                break;
            }
        }
        Files.write(dir.resolve("members.txt"), ids);
        Files.writeString(dir.resolve("big.env"), "BIG_ORG=" + org + "\nBIG_ACCOUNT=" + account + "\nBIG_GROUP=" + group
                + "\nBIG_GROUP_HEX=" + group.replace("-", "") + "\nBIG_MEMBERS=" + ids.size() + "\n");
        put(dir, ids);
        System.out.println("members " + ids.size() + " group " + group);
    }

    static String users(List<String> emails, String role) {
        StringBuilder body = new StringBuilder("{\"users\":[");
        for (int i = 0; i < emails.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"email\":\"").append(emails.get(i)).append("\",\"roles\":[\"")
                    .append(role).append("\"]}");
        }
        return body.append("]}").toString();
    }

    static long put(Path dir, List<String> ids) throws Exception {
        String env = Files.readString(dir.resolve("big.env"));
        String account = first(env, "BIG_ACCOUNT=(\\S+)");
        String group = first(env, "BIG_GROUP_HEX=(\\S+)");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids.get(i)).append("\"}");
        }
        body.append(']');
        long start = System.nanoTime();
        send("PUT", "/client/v4/accounts/" + account + "/iam/user_groups/" + group + "/members", ADMIN, body.toString(), 200);
        return System.nanoTime() - start;
    }

    static void replace(Path dir, int runs) throws Exception {
        List<String> all = Files.readAllLines(dir.resolve("members.txt"));
        List<String> fewer = all.subList(0, all.size() - Math.min(1000, all.size() / 10));
        for (int r = 0; r < runs; r++) {
            long nanos = put(dir, r % 2 == 0 ? fewer : all);
            System.out.printf("%s %.1f%n", r % 2 == 0 ? "remove" : "add", nanos / 1e6);
        }
    }

    static void fill(Path orgsFile, String skip, long events, int batch, int concurrency) throws Exception {
        List<String[]> orgs = new ArrayList<>();
        for (String line : Files.readAllLines(orgsFile)) {
            String[] parts = line.split(" ");
            if (!parts[0].equals(skip)) {
                orgs.add(parts);
            }
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        int requests = (int) ((events + batch - 1) / batch);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        // each organization gets its requests one after another, so its aggregate is never contended
        int lanes = Math.min(concurrency, orgs.size());
        parallel(lanes, lanes, lane -> {
            for (int r = lane; r < requests; r += lanes) {
                int owned = (orgs.size() - lane + lanes - 1) / lanes;
                String[] org = orgs.get(lane + ((r / lanes) % owned) * lanes);
                int count = (int) Math.min(batch, events - (long) r * batch);
                StringBuilder body = new StringBuilder("{\"users\":[");
                for (int i = 0; i < count; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"email\":\"fill-").append(run).append('-').append(r)
                            .append('-').append(i).append("@bench.test\",\"roles\":[\"").append(org[1]).append("\"]}");
                }
                body.append("]}");
                send("POST", "/workspace/orgs/" + org[0] + "/members/users", ADMIN, body.toString(), 201);
                long total = done.addAndGet(count);
                if ((r / lanes) % 50 == 0 && lane == 0) {
                    System.err.printf("fill: %d events, %.0f/s%n", total, total / ((System.nanoTime() - start) / 1e9));
                }
            }
        });
        System.out.printf("%.0f%n", events / ((System.nanoTime() - start) / 1e9));
    }

    /**
     * Scenario (e). The writes come from wrk with bench/wrk/lag.lua (paced at RATE, every 2xx logged with the time
     * its answer was read), so that the load client costs the two cores little: the JDK's HTTP client, sending them
     * before, took most of a core at 200 writes/s and so raised the lag it measured. This JVM only follows the feed,
     * from the position it ends at now, noting when each of the run's events arrives (the same wall clock), then
     * joins the two.
     */
    static void lag(Path orgsFile, int rate, int seconds) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, Double> seen = new ConcurrentHashMap<>();
        long after = lastPosition();
        Thread follower = new Thread(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/v1/events/stream?after=" + after))
                        .header("Authorization", "Bearer " + ADMIN).header("Accept", "text/event-stream").build();
                HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
                BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
                Pattern email = Pattern.compile("\"email\": ?\"(lag-" + run + "-[\\d-]+@bench.test)\"");
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        double now = wallMillis();
                        Matcher m = email.matcher(line);
                        if (m.find()) {
                            seen.putIfAbsent(m.group(1), now);
                        }
                    }
                }
            } catch (Exception e) {
                System.err.println("feed: " + e);
            }
        }, "feed");
        follower.setDaemon(true);
        follower.start();
        Thread.sleep(500);
        Path acks = Files.createTempDirectory("lag-acks");
        try {
            lagMeasured(run, orgsFile, rate, seconds, acks, seen);
        } finally {
            try (var files = Files.list(acks)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
            Files.delete(acks);
        }
    }

    /** The writes of {@link #lag}, sent by wrk, joined with the events seen on the feed. */
    static void lagMeasured(String run, Path orgsFile, int rate, int seconds, Path acks, Map<String, Double> seen)
            throws Exception {
        int threads = 2;
        ProcessBuilder wrk = new ProcessBuilder("wrk", "--timeout", "10s", "-t" + threads, "-c64", "-d" + seconds + "s",
                "-s", Path.of(System.getenv("BENCH_WRK_DIR"), "lag.lua").toString(), BASE)
                .redirectErrorStream(true);
        wrk.environment().putAll(Map.of("BENCH_TOKEN", ADMIN, "BENCH_RUN", run, "BENCH_ORGS", orgsFile.toString(),
                "BENCH_LAG_RATE", Integer.toString(rate), "BENCH_LAG_THREADS", Integer.toString(threads),
                "BENCH_LAG_DIR", acks.toString()));
        Process process = wrk.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !output.contains("RESULT")) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Map<String, Double> acked = new HashMap<>();
        try (var files = Files.list(acks)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.split(" ");
                    acked.put(fields[0], Double.parseDouble(fields[1]));
                }
            }
        }
        long waitUntil = System.nanoTime() + 35_000_000_000L;
        while (!seen.keySet().containsAll(acked.keySet()) && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        List<Double> lags = new ArrayList<>();
        for (Map.Entry<String, Double> e : acked.entrySet()) {
            Double s = seen.get(e.getKey());
            if (s != null) {
                lags.add(Math.max(0, s - e.getValue()));
            }
        }
        Collections.sort(lags);
        // wrk's own rate (over the time it ran) for the share of its requests that were acknowledged
        Matcher result = Pattern.compile("rps=([0-9.]+) .*requests=(\\d+) .*socket_errors=(\\d+)").matcher(output);
        if (!result.find()) {
            throw new IllegalStateException("no rate in wrk's output: " + output);
        }
        int requests = Integer.parseInt(result.group(2));
        // answers that were not a 2xx with the run's email, and requests that got no answer at all
        int failed = requests - acked.size() + Integer.parseInt(result.group(3));
        double achieved = Double.parseDouble(result.group(1)) * acked.size() / Math.max(1, requests);
        System.out.printf("rate=%.0f acked=%d seen=%d failed=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f%n",
                achieved, acked.size(), lags.size(), failed, pct(lags, 50), pct(lags, 90),
                pct(lags, 99), lags.isEmpty() ? Double.NaN : lags.get(lags.size() - 1));
    }

    /** Milliseconds since the epoch with the clock's finer part, as bench/wrk/lag.lua reads them. */
    static double wallMillis() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
    }

    /**
     * The peer's data, the same shape as the big organization's: users in one realm, and one group of all of them.
     * Its admin tokens last a minute by default, too short for a measurement, so the master realm's lifespan is
     * raised to a day first.
     */
    static void keycloak(String url, int n, Path dir) throws Exception {
        String password = System.getenv("KC_ADMIN_PASSWORD");
        String token = keycloakToken(url, password);
        keycloakCall(url, "PUT", "/admin/realms/master", token, "{\"accessTokenLifespan\":86400}", 204);
        token = keycloakToken(url, password);
        keycloakCall(url, "POST", "/admin/realms", token, "{\"realm\":\"bench\",\"enabled\":true}", 201);
        String group = keycloakCall(url, "POST", "/admin/realms/bench/groups", token, "{\"name\":\"everyone\"}", 201);
        String admin = token;
        long started = System.nanoTime();
        parallel(8, n, i -> {
            String user = keycloakCall(url, "POST", "/admin/realms/bench/users", admin, String.format(
                    "{\"username\":\"m-%d\",\"email\":\"m-%d@bench.test\",\"firstName\":\"Member\",\"lastName\":\"%d\","
                            + "\"enabled\":true}", i, i, i), 201);
            keycloakCall(url, "PUT", "/admin/realms/bench/users/" + user + "/groups/" + group, admin, null, 204);
        });
        System.out.printf("keycloak: %d users in realm bench and group %s in %.0f s%n", n, group,
                (System.nanoTime() - started) / 1e9);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("keycloak.env"), "KC_TOKEN=" + token + "\nKC_GROUP=" + group + "\n");
    }

    static String keycloakToken(String url, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password="
                        + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak token -> " + response.statusCode() + ": " + response.body());
        }
        return first(response.body(), "\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    }

    /** A Keycloak admin call; returns the id at the end of the Location header of a creation, else the body. */
    static String keycloakCall(String url, String method, String path, String token, String body, int expected)
            throws Exception {
        HttpResponse<String> response = HTTP.send(request(url + path, method, token, body, Duration.ofMinutes(1)),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("Keycloak " + method + " " + path + " -> " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1))
                .orElse(response.body());
    }

    static long lastPosition() throws Exception {
        long after = 0;
        while (true) {
            String json = send("GET", "/v1/events?after=" + after + "&limit=1000", ADMIN, null, 200);
            Matcher m = Pattern.compile("\"position\":\"(\\d+)\"").matcher(json);
            long last = after;
            while (m.find()) {
                last = Long.parseLong(m.group(1));
            }
            if (last == after) {
                return after;
            }
            after = last;
            if (json.length() < 100) {
                return after;
            }
        }
    }

    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    // ---- helpers

    interface Task {
        void run(int i) throws Exception;
    }

    static void parallel(int threads, int n, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                task.run(index);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    static String send(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest request = request(BASE + path, method, token, body, Duration.ofMinutes(5));
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == expected) {
                return response.body();
            }
            // a concurrent write to the same aggregate may answer 409; try again
            if (response.statusCode() == 409 && attempt < 5) {
                Thread.sleep(20L * attempt);
                continue;
            }
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }

    /** A request with the bearer token, and the body as JSON when there is one. */
    static HttpRequest request(String url, String method, String token, String body, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text.substring(0, Math.min(300, text.length())));
        }
        return m.group(1);
    }

    static String token(String email, String name, String scope) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            long now = System.currentTimeMillis() / 1000;
            String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64.encodeToString(String.format(
                    "{\"sub\":\"%s\",\"email\":\"%s\",\"name\":\"%s\",\"scope\":\"%s\",\"iat\":%d,\"exp\":%d}",
                    email, email, name, scope, now, now + 86400).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return header + "." + payload + "." + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
