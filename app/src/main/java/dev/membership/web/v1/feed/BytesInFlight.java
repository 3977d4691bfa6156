package dev.membership.web.v1.feed;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The bytes of events the node's streams have read and not yet written: at most {@code max} in all and
 * {@code perCaller} for one caller's streams, so that neither many streams nor one caller's stalled clients can
 * fill the heap, and one caller's stalled clients cannot hold all of it. A stream reserves room before it reads and
 * gives it back event by event as it writes; a read that comes back larger than its reservation (its first entry
 * alone is larger) overdraws by the difference rather than wait with the entry in hand.
 */
final class BytesInFlight {

    private static final long WAIT_MILLIS = 100;

    private final long max;
    private final long perCaller;
    private long used;
    private final Map<String, Long> byCaller = new HashMap<>();

    /** @param perCaller a caller's share, at most {@code max} */
    BytesInFlight(long max, long perCaller) {
        if (max < 1 || perCaller < 1 || perCaller > max) {
            throw new IllegalArgumentException("Bytes in flight: need 1 <= per caller <= max, got " + perCaller
                    + " and " + max);
        }
        this.max = max;
        this.perCaller = perCaller;
    }

    /**
     * Waits until {@code bytes} (at most a caller's share) fit for {@code caller}, and takes them; answers how many
     * were taken, or {@code -1} when {@code stopped} turned true or {@code patienceNanos} passed first.
     */
    synchronized long reserve(String caller, long bytes, BooleanSupplier stopped, long patienceNanos)
            throws InterruptedException {
        long wanted = Math.min(bytes, perCaller);
        long deadline = System.nanoTime() + patienceNanos;
        while (used + wanted > max || held(caller) + wanted > perCaller) {
            long left = deadline - System.nanoTime();
            if (stopped.getAsBoolean() || left <= 0) {
                return -1;
            }
            wait(Math.max(1, Math.min(WAIT_MILLIS, left / 1_000_000)));
        }
        take(caller, wanted);
        return wanted;
    }

    /** Takes {@code bytes} beyond a reservation without waiting. */
    synchronized void overdraw(String caller, long bytes) {
        take(caller, bytes);
    }

    synchronized void release(String caller, long bytes) {
        if (bytes <= 0) {
            return;
        }
        used -= bytes;
        long left = held(caller) - bytes;
        if (left <= 0) {
            byCaller.remove(caller);
        } else {
            byCaller.put(caller, left);
        }
        notifyAll();
    }

    synchronized long used() {
        return used;
    }

    private long held(String caller) {
        return byCaller.getOrDefault(caller, 0L);
    }

    private void take(String caller, long bytes) {
        used += bytes;
        byCaller.merge(caller, bytes, Long::sum);
    }
}
