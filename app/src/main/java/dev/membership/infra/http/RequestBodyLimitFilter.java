package dev.membership.infra.http;

import dev.membership.api.shared.ErrorCode;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413 in the dialect's shape, before anything reads them. A declared
 * {@code Content-Length} is checked up front; a chunked body is read up to the limit and served from memory.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final ErrorResponder errors;
    private final int maxBodyBytes;

    public RequestBodyLimitFilter(ErrorResponder errors, int maxBodyBytes) {
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            refuse(request, response);
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                refuse(request, response);
                return;
            }
            chain.doFilter(new CachedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.write(ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBodyBytes + " bytes."), request, response);
    }
}
