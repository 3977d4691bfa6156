package dev.membership.query.audit;

import dev.membership.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A gap still within its grace period when the last event is handled no longer holds the audit watermark until
 * the next write: once the gap is dead, the watermark reaches the head of the event store with no new event. Such
 * gaps are left by writes in flight when the service is killed or the database goes away.
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
}
