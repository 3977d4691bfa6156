package dev.membership.infra.http;

import dev.membership.api.shared.ErrorCode;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of the requests it is for run at once; the others wait their turn, first come first served,
 * and answer 503 in the dialect's shape when their turn does not come within the wait. A request keeps its turn
 * until its answer is written, also when it is written after the request thread returned (a streamed answer).
 * <p>
 * Three are registered ({@link HttpConfiguration}). Writes: a write takes a request thread for as long as its command
 * waits for its batch and the batch's commit, so a burst can neither take every request thread from the reads nor
 * queue commands without limit behind a write that is held up (by a rebuild's lock, say). Answers with every member:
 * the DocSpace group routes, the native group and "as of" views, Evo G1 and Cloudflare C3/C4 answer a group (or an
 * organization) with all its members, which for 10,000 is some 10 MB of JSON built from as many rows; served a few at
 * a time, they cannot fill the heap however many clients ask at once. Audit exports: each holds a database
 * connection while its client reads.
 */
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private final ErrorResponder errors;
    private final String requests;
    private final Predicate<HttpServletRequest> limited;
    private final int maxConcurrent;
    private final Semaphore permits;
    private final long waitNanos;

    /**
     * @param requests what the limited requests are, as the 503's detail names them ("writes")
     * @param setting the setting of {@code maxConcurrent}, named when it is out of range
     */
    public ConcurrencyLimitFilter(ErrorResponder errors, String requests, Predicate<HttpServletRequest> limited,
            String setting, int maxConcurrent, Duration wait) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1");
        }
        this.errors = errors;
        this.requests = requests;
        this.limited = limited;
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent, true);
        this.waitNanos = wait.toNanos();
    }

    /** The limited requests admitted and not yet answered. */
    public int inProgress() {
        return maxConcurrent - permits.availablePermits();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limited.test(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            errors.write(ApiError.of(ErrorCode.UNAVAILABLE,
                    "Too many " + requests + " are in progress; retry in a moment."), request, response);
            return;
        }
        boolean answeredLater = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) { // a streamed answer: the turn is kept until it is written
                request.getAsyncContext().addListener(new ReleaseWhenDone());
                answeredLater = true;
            }
        } finally {
            if (!answeredLater) {
                permits.release();
            }
        }
    }

    /** Gives the turn back once an answer written after its request thread returned is complete, whatever ended it. */
    private final class ReleaseWhenDone implements AsyncListener {

        private final AtomicBoolean released = new AtomicBoolean();

        @Override
        public void onComplete(AsyncEvent event) {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
