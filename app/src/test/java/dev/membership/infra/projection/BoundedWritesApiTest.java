package dev.membership.infra.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.Http;
import dev.membership.support.HttpResult;
import dev.membership.support.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.TestPropertySource;

/**
 * A write takes its read models' locks before it takes a position in the event store, and from then on has a bounded
 * time to commit. A gap in the positions can then be judged dead by time alone: the audit log and Axon's readers pass
 * it only once no transaction can fill it any more. (The same settings as {@code AuditWatermarkSweepTest}, so that
 * both share one application context.)
 */
@TestPropertySource(properties = {"membership.audit.gap-grace=PT4S", "membership.audit.sweep-interval=PT0.2S",
        "membership.commands.transaction-timeout=PT2S"})
class BoundedWritesApiTest extends ApiTestSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    Configuration axon;

    @Test
    void aWriteWaitingForARebuild_takesNoPositionUntilItHoldsItsLocks_andIsNotCutShortByTheWait() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String role = roleId(org, owner, "User");
        String rebuilt = axon.eventProcessingConfiguration().eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof SubscribingEventProcessor)
                .map(java.util.Map.Entry::getKey).sorted().findFirst().orElseThrow();
        Http asOwner = http.as(TestTokens.user(owner));
        String invitee = email("invitee");

        CompletableFuture<HttpResult> invited;
        long positionsBefore;
        long positionsWhileWaiting;
        try (Connection rebuild = dataSource.getConnection();
                PreparedStatement lock = rebuild.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            rebuild.setAutoCommit(false);
            lock.setString(1, "projection:" + rebuilt);
            lock.execute();
            positionsBefore = lastPosition();

            invited = CompletableFuture.supplyAsync(() -> asOwner.post("/workspace/orgs/" + org + "/members/users",
                    "{\"users\": [{\"email\": \"" + invitee + "\", \"roles\": [\"" + role + "\"]}]}"));
            awaitAWaitingLock();
            // waits longer than the transaction's bound: the bound starts once the locks are held
            Thread.sleep(3_000);
            positionsWhileWaiting = lastPosition();
            assertThat(invited).isNotDone();
            rebuild.rollback();
        }

        HttpResult answer = invited.get(15, TimeUnit.SECONDS);
        assertThat(positionsWhileWaiting).isEqualTo(positionsBefore);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(lastPosition()).isGreaterThan(positionsBefore);
        assertThat(eventsOf(org, "UserInvitedEvent")).isEqualTo(1);
    }

    @Test
    void aWriteOverItsTimeOnceItHoldsItsLocks_isEndedByTheDatabase_answered503_andStoresNothing() throws Exception {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String role = roleId(org, owner, "User");
        Http asOwner = http.as(TestTokens.user(owner));
        String users = "/workspace/orgs/" + org + "/members/users";
        String slow = email("slow-append");

        HttpResult answer;
        // a store that would take a minute over this one event after giving it its position: past the test client's
        // 30 s, so only the bound can end the write in time for an answer
        jdbc.sql("""
                CREATE FUNCTION public.test_slow_append() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF convert_from(NEW.payload, 'UTF8') LIKE '%slow-append%' THEN PERFORM pg_sleep(60); END IF;
                    RETURN NEW;
                END $$""").update();
        jdbc.sql("CREATE TRIGGER test_slow_append BEFORE INSERT ON domain_event_entry FOR EACH ROW "
                + "EXECUTE FUNCTION public.test_slow_append()").update();
        try {
            answer = asOwner.post(users, "{\"users\": [{\"email\": \"" + slow + "\", \"roles\": [\"" + role + "\"]}]}");
        } finally {
            jdbc.sql("DROP TRIGGER test_slow_append ON domain_event_entry").update();
            jdbc.sql("DROP FUNCTION public.test_slow_append()").update();
        }

        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.json().path("status").asInt()).isEqualTo(503);
        assertThat(answer.json().path("type").asText()).startsWith("https://seequent.com/error-codes/workspace-service/");
        assertThat(answer.json().path("detail").asText()).contains("was not stored");
        assertThat(answer.headers().allValues("Retry-After")).containsExactly("1");
        assertThat(eventsOf(org, "UserInvitedEvent")).isZero();
        assertThat(asOwner.get(users).body()).doesNotContain(slow);

        String next = email("next");
        HttpResult served = asOwner.post(users, "{\"users\": [{\"email\": \"" + next + "\", \"roles\": [\"" + role + "\"]}]}");
        assertThat(served.status()).as(served.toString()).isEqualTo(201);
        assertThat(eventsOf(org, "UserInvitedEvent")).isEqualTo(1);
    }

    @Test
    void aTransactionTimeoutSetForTheServicesSessions_stopsTheStart() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("SET transaction_timeout = '60s'");
            try {
                JdbcClient session = JdbcClient.create(new SingleConnectionDataSource(connection, true));
                assertThatIllegalStateException()
                        .isThrownBy(() -> ProjectionLocksConfiguration.requireTransactionTimeout(session))
                        .withMessageContaining("transaction_timeout is 1min")
                        .withMessageContaining("membership.commands.transaction-timeout");
            } finally {
                connection.createStatement().execute("RESET transaction_timeout");
            }
        }
        assertThatCode(() -> ProjectionLocksConfiguration.requireTransactionTimeout(jdbc)).doesNotThrowAnyException();
    }

    /** The last position the event store's sequence gave out, committed or not. */
    private long lastPosition() {
        return jdbc.sql("SELECT last_value FROM " + jdbc.sql(
                        "SELECT pg_get_serial_sequence('domain_event_entry', 'global_index')").query(String.class).single())
                .query(Long.class).single();
    }

    private void awaitAWaitingLock() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                .query(Long.class).single() == 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No write came to wait for the read model's lock");
            }
            Thread.sleep(20);
        }
    }
}
