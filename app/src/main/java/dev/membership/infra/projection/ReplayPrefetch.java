package dev.membership.infra.projection;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The stored events of a replay, read from the store and made ready (timestamps parsed, payloads and metadata
 * deserialized) on a thread of its own, up to {@link #AHEAD} events ahead of the handlers that replay them. The
 * replay's thread then spends its time in the handlers and their statements only. Events come in the store's order,
 * up to and including the replay's last position; a failure to read them, or a reading thread that stopped without
 * saying why, is thrown where the next event is asked for. The reading thread reads in one transaction, so it takes
 * one connection for the whole replay rather than one per batch of events. Closing stops the reading thread and
 * releases its stream.
 *
 * <p>One read can feed several replays ({@link #fanOut}): each gets every event, in order, through a feed of its
 * own, and the reader goes at the pace of the slowest. A replay that stops early closes its feed, which then gets
 * nothing more; the others go on, and the reader stops once every feed is closed.
 */
final class ReplayPrefetch implements Iterator<TrackedEventMessage<?>>, AutoCloseable {

    static final int AHEAD = 2_000;

    private static final Object END = new Object();

    private final Reader reader;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private volatile boolean closed;
    private Object next;

    private ReplayPrefetch(Reader reader) {
        this.reader = reader;
    }

    /**
     * Starts reading, in {@code transaction}, the stream {@code source} opens, up to position {@code last}, calling
     * {@code prepare} on each event on the reading thread (named {@code name}) before the event is handed over.
     */
    static ReplayPrefetch start(TransactionOperations transaction,
            Supplier<? extends Stream<? extends TrackedEventMessage<?>>> source, long last,
            Consumer<TrackedEventMessage<?>> prepare, String name) {
        return fanOut(transaction, source, last, prepare, name, 1).get(0);
    }

    /** As {@link #start}, handing every event to each of {@code feeds} replays, read and prepared once. */
    static List<ReplayPrefetch> fanOut(TransactionOperations transaction,
            Supplier<? extends Stream<? extends TrackedEventMessage<?>>> source, long last,
            Consumer<TrackedEventMessage<?>> prepare, String name, int feeds) {
        if (feeds < 1) {
            throw new IllegalArgumentException("A read needs at least one feed, not " + feeds);
        }
        Reader reader = new Reader(transaction, source, last, prepare, name);
        for (int i = 0; i < feeds; i++) {
            reader.feeds.add(new ReplayPrefetch(reader));
        }
        reader.thread.start();
        return List.copyOf(reader.feeds);
    }

    /**
     * Waits for room, unless this feed or the whole read has stopped listening; answers whether {@code item} was
     * handed over. An interrupt is thrown, for the reader to hand every feed a failure in its place, so that no
     * replay waits for an event that will not come.
     */
    private boolean hand(Object item) throws InterruptedException {
        while (!closed) {
            if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            try {
                next = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the next stored event", e);
            }
            if (next == null && !reader.thread.isAlive()) {
                next = queue.poll();
                if (next == null) {
                    next = new Failure(new IllegalStateException("The reader of the stored events stopped"));
                }
            }
        }
        if (next instanceof Failure failure) {
            throw new IllegalStateException("Reading the stored events failed: " + failure.cause().getMessage(),
                    failure.cause());
        }
        return next != END;
    }

    @Override
    public TrackedEventMessage<?> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TrackedEventMessage<?> event = (TrackedEventMessage<?>) next;
        next = null;
        return event;
    }

    /**
     * Stops handing events to this feed. Closing the last open feed stops the reading thread (at its next event) and
     * waits up to 30 s for it to release the stream, even when the closing thread was interrupted (the interrupt is
     * kept).
     */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        if (!reader.allClosed()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            reader.thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The reading thread and the feeds it hands every event to. */
    private static final class Reader {

        private final Thread thread;
        private final List<ReplayPrefetch> feeds = new ArrayList<>();

        Reader(TransactionOperations transaction, Supplier<? extends Stream<? extends TrackedEventMessage<?>>> source,
                long last, Consumer<TrackedEventMessage<?>> prepare, String name) {
            thread = new Thread(() -> read(transaction, source, last, prepare), name);
            thread.setDaemon(true);
        }

        boolean allClosed() {
            for (ReplayPrefetch feed : feeds) {
                if (!feed.closed) {
                    return false;
                }
            }
            return true;
        }

        private void read(TransactionOperations transaction,
                Supplier<? extends Stream<? extends TrackedEventMessage<?>>> source, long last,
                Consumer<TrackedEventMessage<?>> prepare) {
            try {
                transaction.executeWithoutResult(status -> {
                    try (Stream<? extends TrackedEventMessage<?>> events = source.get()) {
                        Iterator<? extends TrackedEventMessage<?>> stored = events.iterator();
                        while (!allClosed() && stored.hasNext()) {
                            TrackedEventMessage<?> event = stored.next();
                            if (event.trackingToken().position().orElse(0) > last) {
                                break;
                            }
                            prepare.accept(event);
                            handEveryFeed(event);
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("The reader of the stored events was interrupted", e);
                    }
                });
                handEveryFeed(END);
            } catch (Throwable e) {
                // the interrupt, if any, was taken by the wait that saw it: the failure can still be handed over
                for (ReplayPrefetch feed : feeds) {
                    try {
                        feed.hand(new Failure(e));
                    } catch (InterruptedException again) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        private void handEveryFeed(Object item) throws InterruptedException {
            for (ReplayPrefetch feed : feeds) {
                feed.hand(item);
            }
        }
    }

    private record Failure(Throwable cause) {
    }
}
