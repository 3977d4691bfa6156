package dev.membership.query.audit;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the audit watermark past dead gaps when no event comes. The processor raises the watermark as it handles
 * events, so a gap that was still within its grace period when the last event was handled would hold the
 * watermark, and every reader of the log and the feed, below it until the next write.
 */
@Component
class AuditWatermarkSweeper {

    private static final Logger log = LoggerFactory.getLogger(AuditWatermarkSweeper.class);

    private final AuditRepository audit;
    private final TransactionTemplate transactions;
    private final Duration grace;

    AuditWatermarkSweeper(AuditRepository audit, PlatformTransactionManager transactions,
            @Value("${membership.audit.gap-grace:PT30S}") Duration grace) {
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactions);
        this.grace = grace;
    }

    /**
     * At start, a watermark above the log is lowered to it (see {@link AuditRepository#lowerWatermarkToTheLog}). A
     * processor on another node raising it meanwhile could see it lowered below its own rise for a moment; the next
     * sweep raises it again.
     */
    @EventListener(ApplicationReadyEvent.class)
    void checkTheWatermark() {
        try {
            long was = transactions.execute(status -> audit.lowerWatermarkToTheLog());
            if (was >= 0) {
                log.warn("The audit watermark stood at {}, above the last logged event: lowered to it. A database "
                        + "restored in parts or edited by hand leaves this; rebuild the audit log if entries are "
                        + "missing.", was);
            }
        } catch (RuntimeException e) {
            log.warn("Could not check the audit watermark against the log: {}", e.toString());
        }
    }

    /**
     * Passes dead gaps: the head of the log is read, then a transaction id taken (each in a transaction of its own,
     * in that order, see {@link AuditRepository#passDeadGaps}), then the gaps below the head are judged.
     */
    @Scheduled(initialDelayString = "${membership.audit.sweep-interval:PT1S}",
            fixedDelayString = "${membership.audit.sweep-interval:PT1S}")
    void sweep() {
        try {
            long high = audit.loggedHead();
            String fence = audit.fence();
            transactions.executeWithoutResult(status -> audit.passDeadGaps(grace, high, fence));
        } catch (RuntimeException e) {
            // the database may be away; the next sweep tries again
            log.debug("Audit watermark sweep failed: {}", e.toString());
        }
    }
}
