package dev.membership.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A gap still within its grace period when the last event is handled no longer holds the audit watermark until
 * the next write: once the gap is dead, the watermark reaches the head of the event store with no new event. Such
 * gaps are left by writes in flight when the service is killed or the database goes away. And a watermark standing
 * above the log, which a database restored in parts or edited by hand can leave, is lowered to it at start.
 */
@TestPropertySource(properties = {"membership.audit.gap-grace=PT4S", "membership.audit.sweep-interval=PT0.2S",
        "membership.commands.transaction-timeout=PT2S"})
class AuditWatermarkSweepTest extends ApiTestSupport {

    /**
     * A gap whose taker is still open is held (AuditGapTakersTest), but not past the grace: the database ends a
     * service's write within the commands' transaction timeout, half the grace at most, so a taker still open then is
     * none of the service's. The grace counts from when the event after the gap was stored, not from that event's
     * own time.
     */
    @Test
    void aGapWhoseTakerStaysOpen_isHeldUntilTheEventAfterItWasStoredLongerAgoThanTheGrace_whateverThatEventsOwnTime()
            throws Exception {
        try (Connection taker = dataSource.getConnection()) {
            taker.setAutoCommit(false);
            long gap;
            try (PreparedStatement take = taker.prepareStatement(
                    "SELECT pg_current_xact_id(), nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))");
                    ResultSet taken = take.executeQuery()) {
                taken.next();
                gap = taken.getLong(2);
            }
            // an event handled a minute ago by its node's clock (a write that waited, or a node whose clock is
            // behind), stored just now
            UUID org = UUID.randomUUID();
            long stored = jdbc.sql("""
                            INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                            meta_data, payload, payload_revision, payload_type, time_stamp)
                            VALUES (:org, 0, 'Organization', :id, convert_to('{}', 'UTF8'), convert_to(:payload, 'UTF8'), '1',
                                    'dev.membership.api.invitation.UserInvitedEvent', :time)
                            RETURNING global_index""")
                    .param("org", org.toString()).param("id", UUID.randomUUID().toString())
                    .param("payload", """
                            {"organizationId":"%s","invitationId":"%s","userId":"%s","email":"held@acme.test",
                             "roleIds":[],"invitedByEmail":"owner@acme.test","invitedAt":"2026-01-01T12:00:00Z",
                             "expiresAt":"2026-01-15T12:00:00Z"}""".formatted(org, UUID.randomUUID(), UUID.randomUUID()))
                    .param("time", Instant.now().minusSeconds(60).toString())
                    .query(Long.class).single();
            assertThat(stored).isGreaterThan(gap);

            long deadline = System.currentTimeMillis() + 15_000;
            while (jdbc.sql("SELECT position FROM read.audit_watermark_v1 WHERE id = 1").query(Long.class).single() < stored) {
                assertThat(System.currentTimeMillis()).as("the watermark passes the gap").isLessThan(deadline);
                Thread.sleep(20);
            }
            double storedSecondsAgo = jdbc.sql("""
                            SELECT extract(epoch FROM clock_timestamp() - stored_at) FROM domain_event_entry
                            WHERE global_index = :stored""")
                    .param("stored", stored).query(Double.class).single();
            // the event's own time was older than the grace all along; the time it was stored decided
            assertThat(storedSecondsAgo).isGreaterThanOrEqualTo(4.0);
            assertThat(jdbc.sql("SELECT count(*) FROM read.audit_v1 WHERE position = :stored").param("stored", stored)
                    .query(Long.class).single()).isEqualTo(1);
            taker.rollback();
        }
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditWatermarkSweeper sweeper;

    @Test
    void aWatermarkAboveTheLog_isLoweredToItsLastEntry_whenTheServiceStarts() {
        createOrganization(email("owner"));
        awaitAudit();
        long head = jdbc.sql("SELECT max(position) FROM read.audit_v1").query(Long.class).single();
        jdbc.sql("UPDATE read.audit_watermark_v1 SET position = :high WHERE id = 1").param("high", head + 20_000).update();

        sweeper.checkTheWatermark();

        long watermark = jdbc.sql("SELECT position FROM read.audit_watermark_v1 WHERE id = 1").query(Long.class).single();
        long logged = jdbc.sql("SELECT max(position) FROM read.audit_v1").query(Long.class).single();
        assertThat(watermark).isEqualTo(logged).isLessThan(head + 20_000);
    }
}
