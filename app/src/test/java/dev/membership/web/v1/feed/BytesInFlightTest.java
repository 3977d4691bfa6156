package dev.membership.web.v1.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BytesInFlightTest {

    private final BytesInFlight room = new BytesInFlight(1000, 400);

    @Test
    void aCallerTakesNoMoreThanItsShare_whileOthersStillFindRoom() throws Exception {
        assertThat(room.reserve("a", 400, () -> false)).isEqualTo(400);

        CompletableFuture<Long> moreForA = CompletableFuture.supplyAsync(() -> reserve("a", 100));
        long forB = room.reserve("b", 400, () -> false);

        assertThat(forB).isEqualTo(400);
        Thread.sleep(300);
        assertThat(moreForA).isNotDone();
        room.release("a", 100);
        assertThat(moreForA.get(5, TimeUnit.SECONDS)).isEqualTo(100);
        assertThat(room.used()).isEqualTo(800);
    }

    @Test
    void whenAllTheRoomIsHeld_aReservationWaitsUntilSomeIsGivenBack() throws Exception {
        room.reserve("a", 400, () -> false);
        room.reserve("b", 400, () -> false);
        CompletableFuture<Long> forC = CompletableFuture.supplyAsync(() -> reserve("c", 300));

        Thread.sleep(300);
        assertThat(forC).isNotDone();
        room.release("b", 100);

        assertThat(forC.get(5, TimeUnit.SECONDS)).isEqualTo(300);
        assertThat(room.used()).isEqualTo(1000);
    }

    @Test
    void aStreamThatEndsWhileItWaits_takesNothing() throws Exception {
        room.reserve("a", 400, () -> false);
        boolean[] ended = {false};
        CompletableFuture<Long> more = CompletableFuture.supplyAsync(() -> {
            try {
                return room.reserve("a", 100, () -> ended[0]);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(200);
        ended[0] = true;

        assertThat(more.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(room.used()).isEqualTo(400);
    }

    @Test
    void aBatchLargerThanItsReservation_overdrawsWithoutWaiting_andGivesAllBackInTheEnd() throws Exception {
        long held = room.reserve("a", 400, () -> false);
        room.overdraw("a", 900 - held); // its first entry alone weighs 900

        assertThat(room.used()).isEqualTo(900);
        room.release("a", 900);
        assertThat(room.used()).isZero();
        assertThat(room.reserve("a", 400, () -> false)).isEqualTo(400);
    }

    @Test
    void aReservationLargerThanAShare_isCutToTheShare() throws Exception {
        assertThat(room.reserve("a", 5000, () -> false)).isEqualTo(400);
    }

    @Test
    void aShareLargerThanTheWholeIsRefused() {
        assertThatThrownBy(() -> new BytesInFlight(100, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BytesInFlight(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private long reserve(String caller, long bytes) {
        try {
            return room.reserve(caller, bytes, () -> false);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
