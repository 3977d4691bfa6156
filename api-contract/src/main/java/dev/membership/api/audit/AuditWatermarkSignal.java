package dev.membership.api.audit;

/**
 * Tells followers of the audit log that its watermark may have risen, so that new entries can be read at once
 * instead of at the next poll. Signals come from every node's audit processor, and may be merged or repeated:
 * a follower reads from its own cursor each time.
 */
public interface AuditWatermarkSignal {

    /** Runs {@code listener} on each signal until the returned subscription is closed; it must not block. */
    Subscription subscribe(Runnable listener);

    /** An open subscription; closing it twice is harmless. */
    interface Subscription extends AutoCloseable {

        @Override
        void close();
    }
}
