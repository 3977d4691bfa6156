package dev.membership.web.v1.feed;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a task on an executor when asked, at most once queued at a time: asking again while a run waits for a thread
 * adds nothing, and asking while it runs queues one more. A stream woken by every rise of the audit watermark thus
 * holds at most one waiting read, however many rises come while the feed's threads are busy.
 */
final class CoalescedRuns {

    private final Executor executor;
    private final Runnable task;
    private final AtomicBoolean queued = new AtomicBoolean();

    CoalescedRuns(Executor executor, Runnable task) {
        this.executor = executor;
        this.task = task;
    }

    void request() {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                queued.set(false);
                task.run();
            });
        } catch (RejectedExecutionException stopping) {
            queued.set(false); // the service is stopping
        }
    }
}
