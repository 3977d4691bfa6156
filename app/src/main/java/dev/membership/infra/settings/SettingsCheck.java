package dev.membership.infra.settings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the service's settings before anything starts (the embedded PostgreSQL included), and refuses to start
 * with every setting that is wrong named at once, by its property and its environment variable, with the rule it
 * breaks. Without it, a negative idempotency retention was taken (every retry wrote again), a negative invitation
 * lifetime made invitations expire as they were made, and a zero sweep interval failed the start after the log had
 * said the service was ready, naming no setting. Settings that are not set keep their defaults, which hold.
 */
public class SettingsCheck implements EnvironmentPostProcessor, Ordered {

    /** One setting: its property, the type it is read as, and the rule its value must follow. */
    private record Rule(String property, Class<?> type, Predicate<Object> holds, String requirement) {

        String environmentVariable() {
            return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }

    /** The fewest bytes of a shared secret that signs tokens (HS256 asks for a key as long as its hash). */
    public static final int MIN_SECRET_BYTES = 32;

    /** What one event stream reserves for a batch it reads: the least the feed's byte limits can be. */
    private static final long ONE_STREAM_BATCH = 390_144;

    /** The bytes a write's body is read by, a chunk at a time ({@code BodyFirstFilter}). */
    private static final int BODY_CHUNK = 8192;

    private static final List<Rule> RULES = List.of(
            intAtLeast("membership.aggregate-cache-size", 1),
            bool("membership.aggregate-cache.check"),
            intAtLeast("membership.audit.batch-size", 1),
            positive("membership.audit.export-wait"),
            positive("membership.audit.page-wait"),
            intAtLeast("membership.audit.max-concurrent-pages", 1),
            positive("membership.audit.gap-grace"),
            intAtLeast("membership.audit.max-concurrent-exports", 1),
            intAtLeast("membership.audit.max-concurrent-exports-per-caller", 1),
            longAtLeast("membership.audit.page-bytes", 1),
            intAtLeast("membership.audit.scan-entries", 1),
            positive("membership.audit.sweep-interval"),
            new Rule("membership.audit.time-order-margin", Duration.class,
                    value -> ((Duration) value).compareTo(Duration.ofMinutes(1)) >= 0
                            && ((Duration) value).compareTo(Duration.ofDays(1)) <= 0,
                    "a duration from one minute to one day, such as PT10M"),
            longAtLeast("membership.auth.token-cache-size", 0),
            intAtLeast("membership.commands.max-batch", 1),
            new Rule("membership.commands.transaction-timeout", Duration.class,
                    value -> ((Duration) value).compareTo(Duration.ofSeconds(1)) >= 0, "a duration of at least one second, such as PT10S"),
            intAtLeast("membership.commands.writers", 1),
            positive("membership.docspace.group-wait"),
            intAtLeast("membership.docspace.max-concurrent-groups", 1),
            intAtLeast("membership.docspace.max-concurrent-groups-per-caller", 1),
            bool("membership.embedded-postgres.enabled"),
            new Rule("membership.embedded-postgres.port", Integer.class,
                    value -> (Integer) value >= 0 && (Integer) value <= 65_535, "a port from 0 (any free one) to 65535"),
            bool("membership.embedded-postgres.synchronous-commit"),
            intAtLeast("membership.event-store.batch-size", 1),
            positive("membership.event-store.gap-timeout"),
            intAtLeast("membership.event-store.max-gap-offset", 1),
            positive("membership.feed.heartbeat"),
            longAtLeast("membership.feed.max-bytes-in-flight", ONE_STREAM_BATCH),
            longAtLeast("membership.feed.max-bytes-in-flight-per-caller", ONE_STREAM_BATCH),
            intFromTo("membership.feed.max-streams", 1, 10_000),
            intAtLeast("membership.feed.max-streams-per-caller", 1),
            positive("membership.feed.poll-interval"),
            intAtLeast("membership.group-snapshot-ids", 1),
            intFromTo("membership.http.max-body-size", 1, 268_435_456),
            intFromTo("membership.http.max-body-bytes-in-flight", 1, Integer.MAX_VALUE),
            intAtLeast("membership.http.max-concurrent-writes", 1),
            positive("membership.http.write-wait"),
            new Rule("membership.idempotency.retention", Duration.class,
                    value -> ((Duration) value).compareTo(Duration.ofMinutes(5)) >= 0,
                    "a duration of at least five minutes (a key's first request holds it that long), such as PT24H"),
            positive("membership.invitations.expiry-sweep"),
            positive("membership.invitations.time-to-live"),
            intAtLeast("membership.projections.rebuild-workers", 1),
            new Rule("membership.query.timeout", Duration.class, value -> !((Duration) value).isNegative(),
                    "a duration of zero (no limit) or more, such as PT10S"),
            bool("membership.security-observations"),
            intAtLeast("spring.datasource.hikari.maximum-pool-size", 1),
            new Rule("membership.snapshot-share", Double.class, value -> (Double) value >= 0 && (Double) value <= 1,
                    "a share from 0 to 1, such as 0.25"),
            intAtLeast("membership.snapshot-threshold", 1));

    private static Rule positive(String property) {
        return new Rule(property, Duration.class, value -> ((Duration) value).compareTo(Duration.ZERO) > 0,
                "a duration above zero, ISO-8601 (PT5S, PT10M, P14D) or with a unit (5s, 10m, 14d)");
    }

    private static Rule intAtLeast(String property, int least) {
        return intFromTo(property, least, Integer.MAX_VALUE);
    }

    private static Rule intFromTo(String property, int least, int most) {
        return new Rule(property, Integer.class, value -> (Integer) value >= least && (Integer) value <= most,
                most == Integer.MAX_VALUE ? "a whole number of at least " + least + " (and at most " + most + ")"
                        : "a whole number from " + least + " to " + most);
    }

    /** Written {@code true} or {@code false}: a switch read as text ({@code no}, {@code 0}) would not be what it says. */
    private static Rule bool(String property) {
        return new Rule(property, String.class,
                value -> "true".equalsIgnoreCase((String) value) || "false".equalsIgnoreCase((String) value),
                "true or false");
    }

    private static Rule longAtLeast(String property, long least) {
        return new Rule(property, Long.class, value -> (Long) value >= least, "a whole number of at least " + least);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> problems = new ArrayList<>();
        for (Rule rule : RULES) {
            String written = environment.getProperty(rule.property());
            if (written == null) {
                continue;
            }
            Object value;
            try {
                value = environment.getProperty(rule.property(), rule.type());
            } catch (RuntimeException notOfItsType) {
                value = null;
            }
            if (value == null || !rule.holds().test(value)) {
                problems.add(rule.environmentVariable() + " (" + rule.property() + ") is '" + written + "'; it must be "
                        + rule.requirement() + ".");
            }
        }
        Long whole = quietly(environment, "membership.feed.max-bytes-in-flight", 33_554_432L);
        Long share = quietly(environment, "membership.feed.max-bytes-in-flight-per-caller", 8_388_608L);
        if (whole != null && share != null && share > whole) {
            problems.add("MEMBERSHIP_FEED_MAX_BYTES_IN_FLIGHT_PER_CALLER (" + share + ") must be at most "
                    + "MEMBERSHIP_FEED_MAX_BYTES_IN_FLIGHT (" + whole + "), of which it is one caller's share.");
        }
        Integer body = quietly(environment, "membership.http.max-body-size", 1_048_576);
        Integer bodies = quietly(environment, "membership.http.max-body-bytes-in-flight", 67_108_864);
        if (body != null && bodies != null && body >= 1 && body <= 268_435_456 && (long) body + BODY_CHUNK > bodies) {
            problems.add("MEMBERSHIP_HTTP_MAX_BODY_BYTES_IN_FLIGHT (" + bodies + ") must be at least "
                    + "MEMBERSHIP_HTTP_MAX_BODY_SIZE (" + body + ") and " + BODY_CHUNK + " bytes more: a whole body read"
                    + " a chunk at a time must fit in it.");
        }
        checkTimes(environment, problems);
        checkSecret(environment, problems);
        checkRebuildWorkers(environment, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    /**
     * A write's transaction ends within half the audit log's gap grace, and the grace within the event store reader's
     * gap timeout (see {@code ProjectionLocksConfiguration}, which checks them again as it reads them).
     */
    private static void checkTimes(ConfigurableEnvironment environment, List<String> problems) {
        Duration transaction = quietly(environment, "membership.commands.transaction-timeout", Duration.ofSeconds(10));
        Duration grace = quietly(environment, "membership.audit.gap-grace", Duration.ofSeconds(30));
        Duration gapTimeout = quietly(environment, "membership.event-store.gap-timeout", Duration.ofMinutes(5));
        if (transaction != null && grace != null && transaction.multipliedBy(2).compareTo(grace) > 0) {
            problems.add("MEMBERSHIP_COMMANDS_TRANSACTION_TIMEOUT (" + transaction + ") must be at most half of "
                    + "MEMBERSHIP_AUDIT_GAP_GRACE (" + grace + "): the audit log would pass gaps that a write still in "
                    + "time can fill.");
        }
        if (grace != null && gapTimeout != null && grace.compareTo(gapTimeout) > 0) {
            problems.add("MEMBERSHIP_AUDIT_GAP_GRACE (" + grace + ") must be at most MEMBERSHIP_EVENT_STORE_GAP_TIMEOUT ("
                    + gapTimeout + "): the audit log's reader would drop gaps the audit log still waits for.");
        }
    }

    /** A shared secret that signs tokens, when one is set and no identity provider is named; its value is not shown. */
    private static void checkSecret(ConfigurableEnvironment environment, List<String> problems) {
        String secret = environment.getProperty("membership.auth.hs256-secret");
        boolean providerNamed = !environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "").isEmpty()
                || !environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "").isEmpty();
        if (secret == null || secret.isBlank() || providerNamed) {
            return;
        }
        int length = secret.getBytes(StandardCharsets.UTF_8).length;
        if (length < MIN_SECRET_BYTES) {
            problems.add("MEMBERSHIP_AUTH_HS256_SECRET (membership.auth.hs256-secret) has " + length + " bytes; it must "
                    + "have at least " + MIN_SECRET_BYTES + ".");
        }
    }

    /** A rebuild takes a connection per replaying thread and one to read with: at most half the pool. */
    private static void checkRebuildWorkers(ConfigurableEnvironment environment, List<String> problems) {
        Integer workers = quietly(environment, "membership.projections.rebuild-workers", 2);
        Integer pool = quietly(environment, "spring.datasource.hikari.maximum-pool-size", 10);
        if (workers != null && pool != null && workers >= 1 && 2 * (workers + 1) > pool) {
            problems.add("MEMBERSHIP_PROJECTIONS_REBUILD_WORKERS (" + workers + ") would have a rebuild take "
                    + (workers + 1) + " of the pool's " + pool + " connections (SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE), "
                    + "more than half; lower it or raise the pool.");
        }
    }

    /** The setting read as its type, or {@code null} when it is not of that type (reported by its rule). */
    @SuppressWarnings("unchecked")
    private static <T> T quietly(ConfigurableEnvironment environment, String property, T otherwise) {
        try {
            return environment.getProperty(property, (Class<T>) otherwise.getClass(), otherwise);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Before the embedded PostgreSQL starts (the lowest precedence), after the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
