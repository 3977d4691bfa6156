package dev.membership.infra.http;

import dev.membership.web.error.ApiErrors;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The management endpoints answer some refusals with a status and no body (a health component or a metric that does
 * not exist is a bare 404). Such an answer gets the native error body every other refusal carries. The endpoints'
 * answers are small, so they are held until the endpoint has returned; a health check that is down keeps its own body.
 */
public class ManagementErrorBodyFilter extends OncePerRequestFilter {

    private final ErrorResponder errors;

    public ManagementErrorBodyFilter(ErrorResponder errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "HEAD".equals(request.getMethod()) || !(path.equals("/actuator") || path.startsWith("/actuator/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } finally {
            if (held.getStatus() >= 400 && held.getContentSize() == 0 && !response.isCommitted()) {
                errors.write(ApiErrors.forStatus(held.getStatus()), request, response);
            } else {
                held.copyBodyToResponse();
            }
        }
    }
}
