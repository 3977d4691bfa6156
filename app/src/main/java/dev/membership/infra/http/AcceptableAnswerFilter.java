package dev.membership.infra.http;

import dev.membership.api.shared.ErrorCode;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.Dialect;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a write whose {@code Accept} header admits no JSON with 406 before it runs: Spring MVC chooses the
 * answer's type only once the handler has returned, when the write is committed, so the client would hear 406 of a
 * change that was made (and, with an idempotency key, hear it again on every retry). Every write of every dialect
 * answers JSON. DocSpace's server answers JSON whatever {@code Accept} says, so DocSpace requests are answered in
 * JSON and their {@code Accept} is not judged.
 */
public class AcceptableAnswerFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ErrorResponder errors;

    public AcceptableAnswerFilter(ErrorResponder errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Dialect.of(request) == Dialect.ONLYOFFICE) {
            chain.doFilter(new AcceptsJson(request), response);
            return;
        }
        if (WRITES.contains(request.getMethod()) && !admitsJson(request.getHeaders(HttpHeaders.ACCEPT))) {
            errors.write(ApiError.of(ErrorCode.NOT_ACCEPTABLE,
                    "This write answers application/json, which the Accept header does not admit; nothing was changed."),
                    request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** No {@code Accept} header, or one naming a type compatible with JSON at a quality above 0. */
    static boolean admitsJson(Enumeration<String> accept) {
        List<String> values = accept == null ? List.of() : Collections.list(accept);
        if (values.isEmpty()) {
            return true;
        }
        try {
            for (MediaType type : MediaType.parseMediaTypes(values)) {
                if (type.getQualityValue() > 0 && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                    return true;
                }
            }
            return false;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The request as if it asked for JSON. */
    private static final class AcceptsJson extends HttpServletRequestWrapper {

        AcceptsJson(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? MediaType.APPLICATION_JSON_VALUE : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(MediaType.APPLICATION_JSON_VALUE)) : super.getHeaders(name);
        }
    }
}
