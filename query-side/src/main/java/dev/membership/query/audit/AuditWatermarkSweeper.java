package dev.membership.query.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the audit watermark past dead gaps when no event comes. The processor raises the watermark as it handles
 * events, so a gap that was still within its grace period when the last event was handled would hold the
 * watermark, and every reader of the log and the feed, below it until the next write.
 */
@Component
class AuditWatermarkSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditWatermarkSweeper.class);

    private final AuditRepository audit;
    private final TransactionTemplate transactions;
    private final Duration grace;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;

    AuditWatermarkSweeper(AuditRepository audit, PlatformTransactionManager transactions,
            @Value("${membership.audit.gap-grace:PT30S}") Duration grace,
            @Value("${membership.audit.sweep-interval:PT5S}") Duration interval) {
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactions);
        this.grace = grace;
        this.interval = interval;
    }

    void sweep() {
        try {
            transactions.executeWithoutResult(status -> audit.passDeadGaps(grace));
        } catch (RuntimeException e) {
            // the database may be away; the next sweep tries again
            log.debug("Audit watermark sweep failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-watermark");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
