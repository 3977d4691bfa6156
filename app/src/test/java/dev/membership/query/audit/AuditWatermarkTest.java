package dev.membership.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit watermark and gaps in event positions. A gap is dead once its own position holds no event and either the
 * transaction that took it has ended (AuditGapTakersTest) or the event after it was stored longer ago than the grace
 * period; when every gap the processor still tracks is dead the watermark moves on instead of failing the batch.
 * Such gaps are left by transactions that never commit, e.g. when the service is killed under load, and the
 * tracking token keeps them for minutes.
 */
class AuditWatermarkTest extends ApiTestSupport {

    @Autowired
    AuditRepository audit;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aBatchWhoseGapIsDead_raisesTheWatermarkPastIt_andAGapWithinItsGraceHoldsIt() {
        // an event after a position that will never be filled
        long gap = jdbc.sql("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))")
                .query(Long.class).single();
        createOrganization(email("owner"));
        awaitAudit();
        long head = jdbc.sql("SELECT max(position) FROM read.audit_v1").query(Long.class).single();
        TreeSet<Long> gaps = new TreeSet<>(List.of(gap));

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            // the audit log's lock, held alone: neither its processor nor the sweep moves the watermark meanwhile
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('projection:audit'))").query().singleRow();
            jdbc.sql("UPDATE read.audit_watermark_v1 SET position = :below WHERE id = 1").param("below", gap - 1).update();

            audit.raiseWatermark(head, gaps, Duration.ofHours(1));
            assertThat(audit.watermark()).as("the event after the gap was stored within the grace").isEqualTo(gap - 1);

            audit.raiseWatermark(head, gaps, Duration.ZERO);
            assertThat(audit.watermark()).as("the gap is dead").isEqualTo(head);
            status.setRollbackOnly();
        });
    }

    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    void aGapWhoseEventIsInTheStoreByNow_holdsTheWatermark_howeverLongAgoTheEventAfterItWasStored() {
        // the processor is behind: the events below are stored, and it has yet to log them
        var processor = axon.eventProcessingConfiguration().eventProcessor(AuditProjection.PROCESSING_GROUP).orElseThrow();
        processor.shutDown();
        try {
            long before = jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
            createOrganization(email("owner"));
            long first = jdbc.sql("SELECT min(global_index) FROM domain_event_entry WHERE global_index > :before")
                    .param("before", before).query(Long.class).single();
            long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
            assertThat(head).isGreaterThan(first);
            long watermark = audit.watermark();
            assertThat(watermark).isLessThan(first);

            // the token still names the first of them a gap (read before it committed), and the event after it is
            // older than any grace: stored by now, it will be logged, so the watermark stays below it
            TreeSet<Long> gaps = new TreeSet<>();
            gaps.add(first);
            audit.raiseWatermark(head, gaps, Duration.ZERO);

            assertThat(audit.watermark()).isEqualTo(first - 1);
        } finally {
            processor.start();
        }
        awaitAudit();
    }
}
