package dev.membership.web.v1.feed;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on an executor when asked, one run at a time: asking while a run waits for a thread adds nothing, and
 * asking while it runs makes the same thread run it once more after it. A stream woken by every rise of the audit
 * watermark and by its polls thus holds at most one thread, running or waiting, however many requests come while
 * its client is slow to read.
 */
final class CoalescedRuns {

    private static final Logger log = LoggerFactory.getLogger(CoalescedRuns.class);

    private final Executor executor;
    private final Runnable task;
    /** Requests not yet served by a run that began after them; nonzero while a run is queued or under way. */
    private final AtomicInteger requests = new AtomicInteger();

    CoalescedRuns(Executor executor, Runnable task) {
        this.executor = executor;
        this.task = task;
    }

    void request() {
        if (requests.getAndIncrement() != 0) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            requests.set(0); // the service is stopping, or every thread is taken: a later request tries again
        } catch (RuntimeException | Error failure) {
            requests.set(0); // no thread could be started: a later request tries again
            log.warn("A stream's read could not be started: {}", failure.toString());
        }
    }

    private void drain() {
        int served = requests.get();
        try {
            do {
                task.run();
                served = requests.addAndGet(-served);
            } while (served != 0);
        } catch (RuntimeException | Error failure) {
            requests.set(0); // a later request runs it again
            throw failure;
        }
    }
}
