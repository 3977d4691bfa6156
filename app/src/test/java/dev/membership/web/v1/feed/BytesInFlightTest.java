package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BytesInFlightTest {

    private static final long PATIENT = Duration.ofMinutes(1).toNanos();

    private final BytesInFlight room = new BytesInFlight(1000, 400);

    @Test
    void aCallerTakesNoMoreThanItsShare_whileOthersStillFindRoom() throws Exception {
        assertThat(room.reserve("a", 400, () -> false, PATIENT)).isEqualTo(400);
        CountDownLatch waiting = new CountDownLatch(1);

        CompletableFuture<Long> moreForA = CompletableFuture.supplyAsync(() -> reserve("a", 100, waiting));
        assertThat(waiting.await(5, TimeUnit.SECONDS)).as("a's second reservation waits").isTrue();
        long forB = room.reserve("b", 400, () -> false, PATIENT);

        assertThat(forB).isEqualTo(400);
        assertThat(room.used()).isEqualTo(800);
        room.release("a", 100);
        assertThat(moreForA.get(5, TimeUnit.SECONDS)).isEqualTo(100);
        assertThat(room.used()).isEqualTo(800);
    }

    @Test
    void whenAllTheRoomIsHeld_aReservationWaitsUntilSomeIsGivenBack() throws Exception {
        room.reserve("a", 400, () -> false, PATIENT);
        room.reserve("b", 400, () -> false, PATIENT);
        CountDownLatch waiting = new CountDownLatch(1);

        CompletableFuture<Long> forC = CompletableFuture.supplyAsync(() -> reserve("c", 300, waiting));
        assertThat(waiting.await(5, TimeUnit.SECONDS)).as("c's reservation waits").isTrue();
        assertThat(room.used()).isEqualTo(800);
        room.release("b", 100);

        assertThat(forC.get(5, TimeUnit.SECONDS)).isEqualTo(300);
        assertThat(room.used()).isEqualTo(1000);
    }

    @Test
    void aStreamThatEndsWhileItWaits_takesNothing() throws Exception {
        room.reserve("a", 400, () -> false, PATIENT);
        AtomicBoolean ended = new AtomicBoolean();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Long> more = CompletableFuture.supplyAsync(() -> {
            try {
                return room.reserve("a", 100, () -> {
                    waiting.countDown(); // asked only while it waits
                    return ended.get();
                }, PATIENT);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(waiting.await(5, TimeUnit.SECONDS)).as("the reservation waits").isTrue();
        assertThat(more).isNotDone();

        ended.set(true);

        assertThat(more.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(room.used()).isEqualTo(400);
    }

    @Test
    void aReservationThatRunsOutOfPatience_takesNothing() throws Exception {
        room.reserve("a", 400, () -> false, PATIENT);

        assertThat(room.reserve("a", 100, () -> false, Duration.ofMillis(50).toNanos())).isEqualTo(-1);
        assertThat(room.used()).isEqualTo(400);
    }

    @Test
    void aBatchLargerThanItsReservation_overdrawsWithoutWaitingEvenWhenTheRoomIsFull_andGivesAllBackInTheEnd()
            throws Exception {
        room.reserve("b", 400, () -> false, PATIENT);
        long held = room.reserve("a", 400, () -> false, PATIENT);
        room.overdraw("a", 900 - held); // its first entry alone weighs 900

        assertThat(room.used()).isEqualTo(1300);
        room.release("a", 900);
        assertThat(room.used()).isEqualTo(400);
        assertThat(room.reserve("a", 400, () -> false, PATIENT)).isEqualTo(400);
    }

    @Test
    void aReservationLargerThanAShare_isCutToTheShare() throws Exception {
        assertThat(room.reserve("a", 5000, () -> false, PATIENT)).isEqualTo(400);
    }

    @Test
    void aShareLargerThanTheWholeIsRefused() {
        assertThatThrownBy(() -> new BytesInFlight(100, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BytesInFlight(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Reserves, counting {@code waiting} down once the reservation has had to wait. */
    private long reserve(String caller, long bytes, CountDownLatch waiting) {
        BooleanSupplier stopped = () -> {
            waiting.countDown(); // asked only while it waits
            return false;
        };
        try {
            return room.reserve(caller, bytes, stopped, PATIENT);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
