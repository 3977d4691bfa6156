package dev.membership.infra.http;

import dev.membership.api.shared.ErrorCode;
import dev.membership.security.Callers;
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
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>A limit may also bound the turns one caller (one token subject) holds at once: its further requests wait for
 * one of its own turns first, then for a turn. So a client that stops reading its answers holds at most its own share,
 * and the others are still served.
 */
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private final ErrorResponder errors;
    private final String requests;
    private final Predicate<HttpServletRequest> limited;
    private final int maxConcurrent;
    private final Semaphore permits;
    private final long waitNanos;
    /** Turns one caller may hold at once; 0 for no bound per caller. */
    private final int maxPerCaller;
    private final ConcurrentHashMap<String, CallerTurns> callers = new ConcurrentHashMap<>();

    /**
     * @param requests what the limited requests are, as the 503's detail names them ("writes")
     * @param setting the setting of {@code maxConcurrent}, named when it is out of range
     */
    public ConcurrencyLimitFilter(ErrorResponder errors, String requests, Predicate<HttpServletRequest> limited,
            String setting, int maxConcurrent, Duration wait) {
        this(errors, requests, limited, setting, maxConcurrent, wait, 0);
    }

    /** @param maxPerCaller the turns one caller may hold at once, 0 for no bound per caller */
    public ConcurrencyLimitFilter(ErrorResponder errors, String requests, Predicate<HttpServletRequest> limited,
            String setting, int maxConcurrent, Duration wait, int maxPerCaller) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1");
        }
        this.maxPerCaller = maxPerCaller;
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
        long deadline = System.nanoTime() + waitNanos;
        String caller = maxPerCaller > 0 ? Callers.subject().orElse(null) : null;
        CallerTurns own = caller == null ? null : enter(caller);
        boolean ownTurn = own == null;
        boolean admitted = false;
        try {
            ownTurn = ownTurn || own.permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
            admitted = ownTurn && permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!admitted) {
            if (own != null) {
                leave(caller, own, ownTurn);
            }
            errors.write(ApiError.of(ErrorCode.UNAVAILABLE, ownTurn
                    ? "Too many " + requests + " are in progress; retry in a moment."
                    : "This caller has " + maxPerCaller + " " + requests + " in progress already, the most one caller"
                            + " may have; retry once one is done."), request, response);
            return;
        }
        Runnable release = () -> {
            permits.release();
            if (own != null) {
                leave(caller, own, true);
            }
        };
        boolean answeredLater = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) { // a streamed answer: the turn is kept until it is written
                request.getAsyncContext().addListener(new ReleaseWhenDone(release));
                answeredLater = true;
            }
        } finally {
            if (!answeredLater) {
                release.run();
            }
        }
    }

    /** The turns of {@code caller}, counted as used by one more request while it waits or runs. */
    private CallerTurns enter(String caller) {
        return callers.compute(caller, (name, turns) -> {
            CallerTurns entered = turns == null ? new CallerTurns(maxPerCaller) : turns;
            entered.requests++;
            return entered;
        });
    }

    /** Gives back the caller's turn ({@code held}) and forgets the caller once none of its requests is left. */
    private void leave(String caller, CallerTurns own, boolean held) {
        if (held) {
            own.permits.release();
        }
        callers.computeIfPresent(caller, (name, turns) -> --turns.requests == 0 ? null : turns);
    }

    /** One caller's turns, and how many of its requests hold or wait for one (guarded by the map's compute). */
    private static final class CallerTurns {

        private final Semaphore permits;
        private int requests;

        CallerTurns(int turns) {
            permits = new Semaphore(turns, true);
        }
    }

    /** Gives the turn back once an answer written after its request thread returned is complete, whatever ended it. */
    private static final class ReleaseWhenDone implements AsyncListener {

        private final AtomicBoolean released = new AtomicBoolean();
        private final Runnable release;

        ReleaseWhenDone(Runnable release) {
            this.release = release;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (released.compareAndSet(false, true)) {
                release.run();
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
