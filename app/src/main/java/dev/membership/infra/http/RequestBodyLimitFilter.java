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
 * {@code Content-Length} is checked up front; a chunked body is read up to the limit and served from memory (one whose
 * chunks cannot be read is a 400, from {@code ApiErrors}). A {@code Content-Type} naming no one type ({@code *}{@code /*},
 * {@code application/*}) on a request with a body describes no body the service could read: 415.
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
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (hasBody && wildcardContentType(request.getContentType())) {
            errors.write(ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type names no one type; send the body as application/json."), request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            refuse(request, response);
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            // a broken chunk fails here; the server's error dispatch answers it (ApiErrors)
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

    private static boolean wildcardContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        int slash = type.indexOf('/');
        return type.equals("*") || slash >= 0 && (type.substring(0, slash).strip().equals("*")
                || type.substring(slash + 1).strip().equals("*"));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.write(ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBodyBytes + " bytes."), request, response);
    }
}
