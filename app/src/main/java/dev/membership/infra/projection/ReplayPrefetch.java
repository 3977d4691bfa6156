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

/**
 * The stored events of a replay, read from the store and made ready (timestamps parsed, payloads and metadata
 * deserialized) on a thread of its own, up to {@link #AHEAD} events ahead of the handlers that replay them. The
 * replay's thread then spends its time in the handlers and their statements only. Events come in the store's order,
 * up to and including the replay's last position; a failure to read them is thrown where the next event is asked
 * for. Closing stops the reading thread and releases its stream.
 */
final class ReplayPrefetch implements Iterator<TrackedEventMessage<?>>, AutoCloseable {

    static final int AHEAD = 2_000;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread reader;
    private volatile boolean closed;
    private Object next;

    private ReplayPrefetch(Supplier<? extends Stream<? extends TrackedEventMessage<?>>> source, long last,
            Consumer<TrackedEventMessage<?>> prepare, String name) {
        reader = new Thread(() -> read(source, last, prepare), name);
        reader.setDaemon(true);
    }

    /**
     * Starts reading the stream {@code source} opens, up to position {@code last}, calling {@code prepare} on each
     * event on the reading thread (named {@code name}) before the event is handed over.
     */
    static ReplayPrefetch start(Supplier<? extends Stream<? extends TrackedEventMessage<?>>> source, long last,
            Consumer<TrackedEventMessage<?>> prepare, String name) {
        ReplayPrefetch prefetch = new ReplayPrefetch(source, last, prepare, name);
        prefetch.reader.start();
        return prefetch;
    }

    private void read(Supplier<? extends Stream<? extends TrackedEventMessage<?>>> source, long last,
            Consumer<TrackedEventMessage<?>> prepare) {
        try (Stream<? extends TrackedEventMessage<?>> events = source.get()) {
            Iterator<? extends TrackedEventMessage<?>> stored = events.iterator();
            while (!closed && stored.hasNext()) {
                TrackedEventMessage<?> event = stored.next();
                if (event.trackingToken().position().orElse(0) > last) {
                    break;
                }
                prepare.accept(event);
                hand(event);
            }
            hand(END);
        } catch (RuntimeException | Error e) {
            hand(new Failure(e));
        }
    }

    /** Waits for room, unless the replay has stopped listening. */
    private void hand(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the next stored event", e);
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

    /** Stops the reading thread (at its next event) and waits for it to release the stream. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Failure(Throwable cause) {
    }
}
