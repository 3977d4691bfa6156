package dev.membership.infra.http;

import dev.membership.security.Callers;
import dev.membership.web.error.ApiErrors;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Reads a caller's write body whole before the write takes its turn ({@link ConcurrencyLimitFilter}) or its
 * idempotency key: a client that sends its body slowly, or stops halfway, then holds a request thread until the
 * server's read times out, as any slow client does, and not one of the few turns every other writer waits for. A body
 * is at most the body limit (1 MiB by default; {@link RequestBodyLimitFilter} refused a longer declared one already and
 * counts a chunked one as it is read here), so holding it in memory costs no more than the handler's own reading.
 */
public class BodyFirstFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ErrorResponder errors;
    private final int maxBodyBytes;

    public BodyFirstFilter(ErrorResponder errors, int maxBodyBytes) {
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        // a stranger's body is not read at all: the security chain answered 401 before this filter
        return !hasBody || !WRITES.contains(request.getMethod()) || !Callers.authenticated();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        } catch (MaxUploadSizeExceededException tooLarge) {
            body = null;
        } catch (IOException unreadable) {
            // cut short of its length, stopped arriving, a broken chunk: the client's to mend, said in its dialect
            // (if the client is still there to hear it)
            errors.write(ApiErrors.from(unreadable), request, response);
            return;
        }
        if (body == null || body.length > maxBodyBytes) {
            errors.write(RequestBodyLimitFilter.tooLarge(maxBodyBytes), request, response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }
}
