package dev.membership.infra.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/** A replay that would wait forever for the next event fails its test instead. */
@Timeout(60)
class ReplayPrefetchTest {

    private static TrackedEventMessage<?> storedAt(long position) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                GenericEventMessage.asEventMessage("event " + position));
    }

    private static Stream<TrackedEventMessage<?>> stored(long first, long last) {
        return LongStream.rangeClosed(first, last).mapToObj(ReplayPrefetchTest::storedAt);
    }

    private static List<Long> positions(ReplayPrefetch prefetch) {
        List<Long> seen = new ArrayList<>();
        while (prefetch.hasNext()) {
            seen.add(prefetch.next().trackingToken().position().orElseThrow());
        }
        return seen;
    }

    @Test
    void handsOverEveryEventInTheStoresOrder_evenWhenFarMoreThanFitAhead() {
        long count = ReplayPrefetch.AHEAD * 3L + 7;
        try (ReplayPrefetch prefetch = ReplayPrefetch.start(TransactionOperations.withoutTransaction(), () -> stored(0, count - 1), count - 1, event -> {
        }, "test-reader")) {
            assertThat(positions(prefetch)).isEqualTo(LongStream.range(0, count).boxed().toList());
        }
    }

    @Test
    void stopsAfterTheReplaysLastPosition() {
        try (ReplayPrefetch prefetch = ReplayPrefetch.start(TransactionOperations.withoutTransaction(), () -> stored(0, 99), 41, event -> {
        }, "test-reader")) {
            assertThat(positions(prefetch)).hasSize(42).endsWith(41L);
            assertThat(prefetch.hasNext()).isFalse();
        }
    }

    @Test
    void preparesEachEventOnTheReadingThread_beforeHandingItOver() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Set<Object> prepared = ConcurrentHashMap.newKeySet();
        try (ReplayPrefetch prefetch = ReplayPrefetch.start(TransactionOperations.withoutTransaction(), () -> stored(1, 500), 500, event -> {
            threads.add(Thread.currentThread().getName());
            prepared.add(event.getIdentifier());
        }, "test-reader")) {
            while (prefetch.hasNext()) {
                assertThat(prepared).contains(prefetch.next().getIdentifier());
            }
        }
        assertThat(threads).containsExactly("test-reader");
    }

    @Test
    void aFailureToReadSurfacesWhereTheNextEventIsAskedFor_afterTheEventsReadBeforeIt() {
        AtomicInteger read = new AtomicInteger();
        try (ReplayPrefetch prefetch = ReplayPrefetch.start(TransactionOperations.withoutTransaction(), () -> stored(1, 10).peek(event -> {
            if (read.incrementAndGet() == 4) {
                throw new IllegalArgumentException("connection lost");
            }
        }), 10, event -> {
        }, "test-reader")) {
            List<Long> seen = new ArrayList<>();
            assertThatThrownBy(() -> {
                while (prefetch.hasNext()) {
                    seen.add(prefetch.next().trackingToken().position().orElseThrow());
                }
            }).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("connection lost")
                    .hasCauseInstanceOf(IllegalArgumentException.class);
            assertThat(seen).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void closingStopsTheReaderAndReleasesItsStream_whenTheReplayStopsEarly() {
        AtomicBoolean released = new AtomicBoolean();
        AtomicInteger read = new AtomicInteger();
        ReplayPrefetch prefetch = ReplayPrefetch.start(TransactionOperations.withoutTransaction(),
                () -> stored(0, 1_000_000).peek(event -> read.incrementAndGet()).onClose(() -> released.set(true)),
                1_000_000, event -> {
                }, "test-reader");
        assertThat(prefetch.next().trackingToken().position()).hasValue(0L);

        prefetch.close();

        assertThat(released).isTrue();
        assertThat(read.get()).isLessThan(1_000_000);
    }

    @Test
    void theWholeReadRunsInOneTransaction_onTheReadingThread() {
        ThreadLocal<Integer> open = ThreadLocal.withInitial(() -> 0);
        AtomicInteger transactions = new AtomicInteger();
        TransactionOperations oneTransaction = new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                transactions.incrementAndGet();
                open.set(open.get() + 1);
                try {
                    return action.doInTransaction(new SimpleTransactionStatus());
                } finally {
                    open.set(open.get() - 1);
                }
            }
        };
        Set<Integer> openWhileReading = ConcurrentHashMap.newKeySet();
        try (ReplayPrefetch prefetch = ReplayPrefetch.start(oneTransaction,
                () -> stored(1, 5_000).peek(event -> openWhileReading.add(open.get())), 5_000, event -> {
                }, "test-reader")) {
            assertThat(positions(prefetch)).hasSize(5_000);
        }
        assertThat(transactions).hasValue(1);
        assertThat(openWhileReading).containsExactly(1);
    }

    @Test
    void anInterruptedReader_failsTheReplay_ratherThanLeavingItWaiting() throws InterruptedException {
        String name = "test-reader-" + UUID.randomUUID();
        try (ReplayPrefetch prefetch = ReplayPrefetch.start(TransactionOperations.withoutTransaction(),
                () -> stored(1, ReplayPrefetch.AHEAD * 2L), ReplayPrefetch.AHEAD * 2L, event -> {
                }, name)) {
            Thread reader = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals(name)).findFirst().orElseThrow();
            while (reader.getState() != Thread.State.TIMED_WAITING) { // the queue is full: it waits for room
                Thread.sleep(10);
            }
            reader.interrupt();

            List<Long> seen = new ArrayList<>();
            assertThatThrownBy(() -> {
                while (prefetch.hasNext()) {
                    seen.add(prefetch.next().trackingToken().position().orElseThrow());
                }
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("interrupted");
            // the events handed over before the interrupt (those waiting, and one more when the interrupt met the
            // replay making room), in order, and not the rest
            assertThat(seen).hasSizeBetween(ReplayPrefetch.AHEAD, ReplayPrefetch.AHEAD + 1)
                    .isEqualTo(LongStream.rangeClosed(1, seen.size()).boxed().toList());
        }
    }

    @Test
    void closingWaitsForTheStreamToBeReleased_evenWhenTheClosingThreadWasInterrupted() {
        AtomicBoolean released = new AtomicBoolean();
        ReplayPrefetch prefetch = ReplayPrefetch.start(TransactionOperations.withoutTransaction(),
                () -> stored(0, 1_000_000).onClose(() -> released.set(true)), 1_000_000, event -> {
                }, "test-reader");
        prefetch.next();

        Thread.currentThread().interrupt();
        prefetch.close();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(released).isTrue();
    }

    @Test
    void aFanOutHandsEveryEventToEachFeed_readAndPreparedOnce() throws Exception {
        long count = ReplayPrefetch.AHEAD * 2L + 3;
        AtomicInteger read = new AtomicInteger();
        AtomicInteger prepared = new AtomicInteger();
        List<ReplayPrefetch> feeds = ReplayPrefetch.fanOut(TransactionOperations.withoutTransaction(),
                () -> stored(1, count).peek(event -> read.incrementAndGet()), count, event -> prepared.incrementAndGet(),
                "test-reader", 3);
        // a thread per feed: the reader goes at the pace of the slowest, so one thread could not drain them in turn
        ExecutorService threads = Executors.newFixedThreadPool(feeds.size());
        try {
            List<CompletableFuture<List<Long>>> replays = feeds.stream()
                    .map(feed -> CompletableFuture.supplyAsync(() -> {
                        try (feed) {
                            return positions(feed);
                        }
                    }, threads)).toList();

            for (CompletableFuture<List<Long>> replay : replays) {
                assertThat(replay.get()).isEqualTo(LongStream.rangeClosed(1, count).boxed().toList());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(read).hasValue((int) count);
        assertThat(prepared).hasValue((int) count);
    }

    @Test
    void aFeedClosedEarly_doesNotHoldTheOthers() throws Exception {
        long count = ReplayPrefetch.AHEAD * 3L;
        List<ReplayPrefetch> feeds = ReplayPrefetch.fanOut(TransactionOperations.withoutTransaction(),
                () -> stored(1, count), count, event -> {
                }, "test-reader", 2);
        feeds.get(0).next();
        feeds.get(0).close();

        try (ReplayPrefetch other = feeds.get(1)) {
            assertThat(positions(other)).hasSize((int) count).endsWith(count);
        }
    }

    @Test
    void aFailureToRead_reachesEveryFeed() {
        List<ReplayPrefetch> feeds = ReplayPrefetch.fanOut(TransactionOperations.withoutTransaction(),
                () -> stored(1, 10).peek(event -> {
                    if (event.trackingToken().position().orElseThrow() == 5) {
                        throw new IllegalArgumentException("connection lost");
                    }
                }), 10, event -> {
                }, "test-reader", 2);
        for (ReplayPrefetch feed : feeds) {
            try (feed) {
                assertThatThrownBy(() -> positions(feed)).hasMessageContaining("connection lost");
            }
        }
    }
}
