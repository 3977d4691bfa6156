package dev.membership.infra.http;

import dev.membership.api.shared.ErrorCode;
import dev.membership.security.Callers;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.ApiErrors;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Reads a caller's write body whole before the write takes its turn ({@link ConcurrencyLimitFilter}) or its
 * idempotency key: a client that sends its body slowly, or stops halfway, then holds a request thread until the
 * server's read times out, as any slow client does, and not one of the few turns every other writer waits for.
 *
 * <p>The bodies held in memory at once, read or being read, share a budget of bytes
 * ({@code membership.http.max-body-bytes-in-flight}), taken as the bytes arrive, a chunk at a time: a body that stalls
 * holds what it has sent, and a burst of large bodies waits for room (then 503) rather than filling the heap. A body is
 * at most the body limit ({@link RequestBodyLimitFilter} refused a longer declared one already and counts a chunked
 * one as it is read here).
 */
public class BodyFirstFilter extends OncePerRequestFilter {

    private static final int CHUNK = 8192;

    private final ErrorResponder errors;
    private final int maxBodyBytes;
    private final int budgetBytes;
    private final Semaphore budget;
    private final long waitNanos;

    /**
     * @param budgetBytes the bytes of bodies held at once, at least {@code maxBodyBytes} and a chunk
     * @param wait how long a body waits for room in the budget before 503
     */
    public BodyFirstFilter(ErrorResponder errors, int maxBodyBytes, int budgetBytes, Duration wait) {
        if (budgetBytes < maxBodyBytes + CHUNK) {
            throw new IllegalArgumentException("The bytes of bodies held at once (" + budgetBytes
                    + ") must be at least a whole body (" + maxBodyBytes + ") and a chunk (" + CHUNK + ")");
        }
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
        this.budgetBytes = budgetBytes;
        this.budget = new Semaphore(budgetBytes, true);
        this.waitNanos = wait.toNanos();
    }

    /** The bytes of bodies held now. */
    int bytesHeld() {
        return budgetBytes - budget.availablePermits();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        // a stranger's body is not read at all: the security chain answered 401 before this filter
        return !hasBody || !HttpConfiguration.WRITES.contains(request.getMethod()) || !Callers.authenticated();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long deadline = System.nanoTime() + waitNanos;
        int held = 0;
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(
                    (int) Math.min(Math.max(request.getContentLengthLong(), 0), CHUNK));
            try {
                InputStream in = request.getInputStream();
                byte[] chunk = new byte[CHUNK];
                while (true) {
                    if (!room(deadline)) {
                        errors.write(ApiError.of(ErrorCode.UNAVAILABLE,
                                "Too many request bodies are being received at once; retry in a moment."), request, response);
                        return;
                    }
                    held += CHUNK;
                    int read = in.read(chunk);
                    if (read < 0) {
                        break;
                    }
                    body.write(chunk, 0, read);
                    if (body.size() > maxBodyBytes) {
                        errors.write(RequestBodyLimitFilter.tooLarge(maxBodyBytes), request, response);
                        return;
                    }
                    budget.release(CHUNK - read); // what this chunk did not fill
                    held -= CHUNK - read;
                }
            } catch (MaxUploadSizeExceededException tooLarge) {
                errors.write(RequestBodyLimitFilter.tooLarge(maxBodyBytes), request, response);
                return;
            } catch (IOException unreadable) {
                // cut short of its length, stopped arriving, a broken chunk: the client's to mend, said in its dialect
                // (if the client is still there to hear it)
                errors.write(ApiErrors.from(unreadable), request, response);
                return;
            }
            budget.release(CHUNK); // the room taken for a read that found the end
            held -= CHUNK;
            // what the request's handling fails with from here on is not the body's, and goes its own way
            chain.doFilter(new CachedBodyRequest(request, body.toByteArray()), response);
        } finally {
            budget.release(held);
        }
    }

    /** Room in the budget for the next chunk, waited for until {@code deadline}. */
    private boolean room(long deadline) {
        try {
            return budget.tryAcquire(CHUNK, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
