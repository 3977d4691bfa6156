package dev.membership.infra.http;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Every turn of a concurrency limit taken by requests that wait until released, as long-running requests of the
 * limited kind would hold them: the next request of that kind has to wait for its turn.
 */
final class HeldTurns implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService holders;
    private final List<CompletableFuture<Void>> held;

    /** Returns once all {@code turns} are taken, or fails after 10 s. */
    HeldTurns(ConcurrencyLimitFilter filter, int turns, Supplier<MockHttpServletRequest> request) throws InterruptedException {
        holders = Executors.newFixedThreadPool(turns);
        held = IntStream.range(0, turns).mapToObj(i -> CompletableFuture.runAsync(() -> {
            try {
                filter.doFilter(request.get(), new MockHttpServletResponse(), (in, out) -> awaitRelease());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, holders)).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (filter.inProgress() < turns) {
            if (System.nanoTime() > deadline) {
                close();
                throw new AssertionError("only " + filter.inProgress() + " of " + turns + " turns were taken");
            }
            Thread.sleep(10);
        }
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases the turns and waits for their requests to end. */
    @Override
    public void close() {
        release.countDown();
        try {
            for (CompletableFuture<Void> request : held) {
                request.get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            holders.shutdown();
        }
    }
}
