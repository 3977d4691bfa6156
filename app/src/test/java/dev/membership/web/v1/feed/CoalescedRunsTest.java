package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stream's wake-ups wait as one read at most, whatever their number, none is lost while a read runs, and a stream
 * never has two reads at once.
 */
class CoalescedRunsTest {

    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void manyRequestsWhileNoThreadIsFree_waitAsOneRun() {
        CoalescedRuns runs = new CoalescedRuns(waiting::add, reads::incrementAndGet);

        for (int i = 0; i < 10_000; i++) {
            runs.request();
        }

        assertThat(waiting).hasSize(1);
        waiting.poll().run();
        assertThat(reads).hasValue(1);
        assertThat(waiting).isEmpty();
    }

    @Test
    void requestsWhileTheRunIsUnderWay_runItOnceMoreOnTheSameThread() {
        CoalescedRuns[] runs = new CoalescedRuns[1];
        runs[0] = new CoalescedRuns(waiting::add, () -> {
            if (reads.incrementAndGet() == 1) {
                runs[0].request(); // the watermark rose again during the read, twice
                runs[0].request();
            }
        });

        runs[0].request();
        waiting.poll().run();

        assertThat(reads).hasValue(2);
        assertThat(waiting).isEmpty();
    }

    @Test
    void aRequestAfterTheRunHasEnded_isTakenAgain() {
        CoalescedRuns runs = new CoalescedRuns(waiting::add, reads::incrementAndGet);

        runs.request();
        waiting.poll().run();
        runs.request();

        assertThat(waiting).hasSize(1);
        waiting.poll().run();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRunThatFails_doesNotStopLaterRequests() {
        CoalescedRuns runs = new CoalescedRuns(waiting::add, () -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("the store is unavailable");
            }
        });

        runs.request();
        Runnable first = waiting.poll();
        org.assertj.core.api.Assertions.assertThatThrownBy(first::run).isInstanceOf(IllegalStateException.class);
        runs.request();

        assertThat(waiting).hasSize(1);
        waiting.poll().run();
        assertThat(reads).hasValue(2);
    }

    @Test
    void anExecutorThatIsStopping_refusesTheRun_andALaterRequestIsTakenAgain() {
        boolean[] stopping = {true};
        CoalescedRuns runs = new CoalescedRuns(task -> {
            if (stopping[0]) {
                throw new RejectedExecutionException("stopping");
            }
            waiting.add(task);
        }, reads::incrementAndGet);

        runs.request();
        stopping[0] = false;
        runs.request();

        assertThat(waiting).hasSize(1);
    }
}
