package dev.membership.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.api.shared.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.stereotype.Component;

/**
 * Answers an {@link ApiError} in the dialect of the request's path, from controllers, from the security filters
 * and from the servlet error page alike.
 */
@Component
public class ErrorResponder {

    private final Map<Dialect, ErrorRenderer> renderers = new EnumMap<>(Dialect.class);
    private final ObjectMapper objectMapper;

    ErrorResponder(List<ErrorRenderer> renderers, ObjectMapper objectMapper) {
        renderers.forEach(renderer -> this.renderers.put(renderer.dialect(), renderer));
        this.objectMapper = objectMapper;
    }

    /**
     * The request attribute that holds the {@link ErrorCode} a request was answered with, for filters that judge an
     * answer by its error rather than its status (an {@code Idempotency-Key} is not kept for an answer that asks for a
     * retry).
     */
    public static final String ANSWERED_ERROR = ErrorResponder.class.getName() + ".answeredError";

    /** In the dialect of the request's path, or during an error dispatch, of the path that failed. */
    public ResponseEntity<Object> respond(ApiError error, HttpServletRequest request) {
        request.setAttribute(ANSWERED_ERROR, error.code());
        return respond(error, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed
                ? UrlPathHelper.defaultInstance.decodeRequestString(request, failed) : Dialect.path(request));
    }

    /**
     * In the dialect of {@code path}. Every 503 (too many requests in progress, a statement or a write over its time,
     * the database out of reach) says when to try again: {@code Retry-After: 1}.
     */
    public ResponseEntity<Object> respond(ApiError error, String path) {
        ErrorRenderer renderer = renderers.getOrDefault(Dialect.of(path), renderers.get(Dialect.NATIVE));
        ResponseEntity<Object> entity = renderer.render(error);
        if (entity.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()
                && !entity.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)) {
            return ResponseEntity.status(entity.getStatusCode()).headers(entity.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, "1").body(entity.getBody());
        }
        return entity;
    }

    /**
     * Writes the error straight to the response, for callers outside Spring MVC; a problem names the request's path
     * (during an error dispatch, the path that failed) as its {@code instance}, as Spring MVC does for the problems
     * controllers answer.
     */
    public void write(ApiError error, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResponseEntity<Object> entity = nameInstance(respond(error, request), request);
        response.setStatus(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> {
            response.setHeader(name, values.get(0));
            values.stream().skip(1).forEach(value -> response.addHeader(name, value));
        });
        MediaType contentType = entity.getHeaders().getContentType();
        response.setContentType((contentType != null ? contentType : MediaType.APPLICATION_JSON).toString());
        objectMapper.writeValue(response.getOutputStream(), entity.getBody());
    }

    /**
     * A problem without an {@code instance} names the request's path, during an error dispatch the path that failed
     * (not the error page's); a path that is no URI reference is left out.
     */
    static ResponseEntity<Object> nameInstance(ResponseEntity<Object> entity, HttpServletRequest request) {
        if (entity.getBody() instanceof ProblemDetail problem && problem.getInstance() == null) {
            try {
                problem.setInstance(URI.create(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed
                        ? failed : request.getRequestURI()));
            } catch (IllegalArgumentException unreadable) {
                // left out
            }
        }
        return entity;
    }
}
