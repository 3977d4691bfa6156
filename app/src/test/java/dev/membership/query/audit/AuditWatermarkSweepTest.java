package dev.membership.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A gap still within its grace period when the last event is handled no longer holds the audit watermark until
 * the next write: once the gap is dead, the watermark reaches the head of the event store with no new event. Such
 * gaps are left by writes in flight when the service is killed or the database goes away. And a watermark standing
 * above the log, which a database restored in parts or edited by hand can leave, is lowered to it at start.
 */
@TestPropertySource(properties = {"membership.audit.gap-grace=PT3S", "membership.audit.sweep-interval=PT0.2S"})
class AuditWatermarkSweepTest extends ApiTestSupport {

    @Test
    void aDeadGapIsPassedWithoutAFurtherEvent() {
        // a position that will never be filled, then one event after it, then quiet
        jdbc.sql("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))").query(Long.class).single();
        createOrganization(email("owner"));
        awaitAudit();
    }

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
