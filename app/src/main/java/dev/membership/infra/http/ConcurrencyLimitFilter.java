package dev.membership.infra.http;

import dev.membership.api.shared.ErrorCode;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of write requests run at once; the others wait their turn, first come first served, and
 * answer 503 in the dialect's shape when their turn does not come within the wait.
 * <p>
 * A write takes a request thread for as long as its command waits for its batch and the batch's commit; writes
 * beyond the bound wait here, so a burst can neither take every request thread from the reads nor queue commands
 * without limit behind a write that is held up (by a rebuild's lock, say).
 */
public class ConcurrentWriteLimitFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ErrorResponder errors;
    private final int maxConcurrentWrites;
    private final Semaphore permits;
    private final long waitNanos;

    public ConcurrentWriteLimitFilter(ErrorResponder errors, int maxConcurrentWrites, Duration wait) {
        if (maxConcurrentWrites < 1) {
            throw new IllegalArgumentException("membership.http.max-concurrent-writes must be at least 1");
        }
        this.errors = errors;
        this.maxConcurrentWrites = maxConcurrentWrites;
        this.permits = new Semaphore(maxConcurrentWrites, true);
        this.waitNanos = wait.toNanos();
    }

    /** The write requests admitted and not yet answered. */
    public int inProgress() {
        return maxConcurrentWrites - permits.availablePermits();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod());
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
            response.setHeader("Retry-After", "1");
            errors.write(ApiError.of(ErrorCode.UNAVAILABLE,
                    "Too many writes are in progress; retry in a moment."), request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
