package dev.membership.infra.projection;

import java.util.Iterator;
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
 */
final class ReplayPrefetch implements Iterator<TrackedEventMessage<?>>, AutoCloseable {

    static final int AHEAD = 2_000;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread reader;
    private volatile boolean closed;
    private Object next;

    private ReplayPrefetch(TransactionOperations transaction,
            Supplier<? extends Stream<? extends TrackedEventMessage<?>>> source, long last,
            Consumer<TrackedEventMessage<?>> prepare, String name) {
        reader = new Thread(() -> read(transaction, source, last, prepare), name);
        reader.setDaemon(true);
    }

    /**
     * Starts reading, in {@code transaction}, the stream {@code source} opens, up to position {@code last}, calling
     * {@code prepare} on each event on the reading thread (named {@code name}) before the event is handed over.
     */
    static ReplayPrefetch start(TransactionOperations transaction,
            Supplier<? extends Stream<? extends TrackedEventMessage<?>>> source, long last,
            Consumer<TrackedEventMessage<?>> prepare, String name) {
        ReplayPrefetch prefetch = new ReplayPrefetch(transaction, source, last, prepare, name);
        prefetch.reader.start();
        return prefetch;
    }

    private void read(TransactionOperations transaction, Supplier<? extends Stream<? extends TrackedEventMessage<?>>> source,
            long last, Consumer<TrackedEventMessage<?>> prepare) {
        try {
            transaction.executeWithoutResult(status -> {
                try (Stream<? extends TrackedEventMessage<?>> events = source.get()) {
                    Iterator<? extends TrackedEventMessage<?>> stored = events.iterator();
                    while (!closed && stored.hasNext()) {
                        TrackedEventMessage<?> event = stored.next();
                        if (event.trackingToken().position().orElse(0) > last) {
                            break;
                        }
                        prepare.accept(event);
                        if (!hand(event)) {
                            return;
                        }
                    }
                }
            });
            hand(END);
        } catch (Throwable e) {
            hand(new Failure(e));
        }
    }

    /**
     * Waits for room, unless the replay has stopped listening; answers whether {@code item} was handed over. An
     * interrupt hands over a failure in its place, so that the replay never waits for an event that will not come.
     */
    private boolean hand(Object item) {
        Object handing = item;
        while (!closed) {
            try {
                if (queue.offer(handing, 100, TimeUnit.MILLISECONDS)) {
                    return handing == item;
                }
            } catch (InterruptedException e) {
                handing = new Failure(new IllegalStateException("The reader of the stored events was interrupted", e));
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
            if (next == null && !reader.isAlive()) {
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
     * Stops the reading thread (at its next event) and waits up to 30 s for it to release the stream, even when the
     * closing thread was interrupted (the interrupt is kept).
     */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        boolean interrupted = Thread.interrupted();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Failure(Throwable cause) {
    }
}
