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

/**
 * A gap in event positions holds the audit watermark (and the event feed) only while the transaction that took it
 * may still commit. A write refused by the database, such as a second organization with the same id, takes a
 * position and rolls back: the feed of every organization used to stand still for the whole grace (30 s) after it.
 * Now the gap is passed as soon as its taker is known to have ended; a gap whose taker is still open holds the
 * watermark, and its event is logged in order once it commits.
 */
class AuditGapTakersTest extends ApiTestSupport {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private AuditWatermarkSweeper sweeper;

    @Test
    void aGapWhoseWriteRolledBack_isPassedWithoutWaitingOutTheGrace() throws Exception {
        long gap;
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            gap = storeAnEvent(writer);
            writer.rollback();
        }
        createOrganization(email("owner"));

        awaitAudit(); // waits at most 15 s, half the grace: the grace did not pass the gap

        assertThat(watermark()).isGreaterThan(gap);
        assertThat(logged(gap)).isZero();
    }

    @Test
    void aGapWhoseWriteIsStillOpen_holdsTheWatermark_andItsEventIsLoggedOnceItCommits() throws Exception {
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            long gap = storeAnEvent(writer);
            createOrganization(email("owner"));
            awaitLoggedAfter(gap);

            sweeper.sweep();

            assertThat(watermark()).as("held below the open write's position").isLessThan(gap);
            writer.commit();
            awaitAudit();
            assertThat(logged(gap)).isEqualTo(1);
        }
    }

    /**
     * The gap's taker may have its transaction id after the writer of the event that follows the gap: an id taken
     * early (a writer that locked rows first) and committed first. The gap is held all the same while its taker is
     * open, and passed once it has rolled back.
     */
    @Test
    void aGapWhoseTakerHasTheYoungerTransactionId_isHeldWhileItIsOpen() throws Exception {
        try (Connection follower = dataSource.getConnection(); Connection taker = dataSource.getConnection()) {
            follower.setAutoCommit(false);
            taker.setAutoCommit(false);
            try (PreparedStatement early = follower.prepareStatement("SELECT pg_current_xact_id()")) {
                early.executeQuery().close(); // the follower has the older id
            }
            long gap = storeAnEvent(taker);
            long after = storeAnEvent(follower);
            follower.commit();
            assertThat(after).isGreaterThan(gap);
            awaitLoggedAfter(gap);

            sweeper.sweep();

            assertThat(watermark()).as("held below the open taker's position").isLessThan(gap);
            taker.rollback();
        }
        sweeper.sweep();
        awaitAudit();
    }

    /** Stores an event in the writer's transaction, left open; answers the position it took. */
    private static long storeAnEvent(Connection writer) throws Exception {
        UUID org = UUID.randomUUID();
        try (PreparedStatement insert = writer.prepareStatement("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                meta_data, payload, payload_revision, payload_type, time_stamp)
                VALUES (?, 0, 'Organization', ?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '1',
                        'dev.membership.api.invitation.UserInvitedEvent', ?)
                RETURNING global_index""")) {
            insert.setString(1, org.toString());
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, """
                    {"organizationId":"%s","invitationId":"%s","userId":"%s","email":"gap@acme.test",
                     "roleIds":[],"invitedByEmail":"owner@acme.test","invitedAt":"2026-01-01T12:00:00Z",
                     "expiresAt":"2026-01-15T12:00:00Z"}""".formatted(org, UUID.randomUUID(), UUID.randomUUID()));
            insert.setString(4, Instant.now().toString());
            try (ResultSet stored = insert.executeQuery()) {
                stored.next();
                return stored.getLong(1);
            }
        }
    }

    private void awaitLoggedAfter(long position) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (jdbc.sql("SELECT count(*) FROM read.audit_v1 WHERE position > :p").param("p", position)
                .query(Long.class).single() == 0) {
            assertThat(System.currentTimeMillis()).as("an event after position %d is logged", position).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private long watermark() {
        return jdbc.sql("SELECT position FROM read.audit_watermark_v1 WHERE id = 1").query(Long.class).single();
    }

    private long logged(long position) {
        return jdbc.sql("SELECT count(*) FROM read.audit_v1 WHERE position = :p").param("p", position)
                .query(Long.class).single();
    }
}
