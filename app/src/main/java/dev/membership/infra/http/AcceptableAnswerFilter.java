package dev.membership.infra.http;

import dev.membership.api.shared.ErrorCode;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.Dialect;
import dev.membership.web.error.ErrorResponder;
import dev.membership.web.format.AcceptHeader;
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
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a POST, PUT or PATCH whose {@code Accept} header admits no JSON with 406 before it runs: Spring MVC
 * chooses the answer's type only once the handler has returned, when the write is committed, so the client would
 * hear 406 of a change that was made (and, with an idempotency key, hear it again on every retry). Every write of
 * every dialect answers JSON, so a write that passes is served as one that asked for {@code application/json}: what
 * was judged here is what is answered. JSON has no charset parameter (RFC 8259), so a charset named with it is not judged.
 * DocSpace's server answers JSON whatever {@code Accept} says, so DocSpace requests are answered in JSON and their
 * {@code Accept} is not judged; it also reads bodies sent as {@code text/json}, which are read here as
 * {@code application/json} (Spring's JSON reader knows only that and {@code application/*+json}). Nor is a DELETE's
 * {@code Accept} judged (RFC 9110 lets a server disregard it): most answer 204 with no body, and Cloudflare's JSON
 * envelope is answered whatever was asked. A read of a route that answers JSON alone is judged and served the same
 * way ({@link #answersOnlyJson}).
 */
public class AcceptableAnswerFilter extends OncePerRequestFilter {

    /** Writes that answer a body; a DELETE mostly answers 204, so its {@code Accept} is disregarded instead. */
    private static final Set<String> JUDGED = Set.of("POST", "PUT", "PATCH");
    private static final Set<String> READS = Set.of("GET", "HEAD");
    /** The methods whose requests carry a body here (DocSpace's D3 is a DELETE with one). */
    private static final Set<String> BODIES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ErrorResponder errors;

    public AcceptableAnswerFilter(ErrorResponder errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (BODIES.contains(request.getMethod()) && encoded(request.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
            // a compressed body would be read as JSON as it is, and refused as malformed, or a plain one read as if
            // it were compressed
            response.setHeader("Accept-Encoding", "identity"); // RFC 7694: the codings a request may use
            errors.write(ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Bodies are read as sent: a Content-Encoding other than identity is not supported."), request, response);
            return;
        }
        if (Dialect.of(request) == Dialect.ONLYOFFICE) {
            chain.doFilter(new AcceptsJson(new TextJsonReadAsJson(request)), response);
            return;
        }
        if ("DELETE".equals(request.getMethod())) {
            chain.doFilter(new AcceptsJson(request), response);
            return;
        }
        boolean read = READS.contains(request.getMethod());
        if (read ? !answersOnlyJson(request) : !JUDGED.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (!admitsJson(request.getHeaders(HttpHeaders.ACCEPT))) {
            errors.write(ApiError.of(ErrorCode.NOT_ACCEPTABLE, read
                    ? "This answer is application/json, which the Accept header does not admit."
                    : "This write answers application/json, which the Accept header does not admit; nothing was changed."),
                    request, response);
            return;
        }
        chain.doFilter(new AcceptsJson(request), response);
    }

    /**
     * Whether a read's route answers JSON alone: every Evo and Cloudflare route, and the native routes but the audit
     * log (CSV and NDJSON too) and the event feed (CloudEvents batches, Server-Sent Events), which choose their own.
     * Left to Spring MVC, a JSON answer was labelled with whatever {@code +json} type the client asked for, even
     * {@code application/problem+json}.
     */
    static boolean answersOnlyJson(HttpServletRequest request) {
        Dialect dialect = Dialect.of(request);
        if (dialect == Dialect.EVO || dialect == Dialect.CLOUDFLARE) {
            return true;
        }
        String path = Dialect.path(request);
        return path.startsWith("/v1/") && !path.startsWith("/v1/events") && !NEGOTIATED_AUDIT.matcher(path).matches();
    }

    private static final Pattern NEGOTIATED_AUDIT = Pattern.compile("/v1/organizations/[^/]+/audit/?");

    /** Whether any {@code Content-Encoding} header, of however many, names a coding other than {@code identity}. */
    static boolean encoded(Enumeration<String> headers) {
        if (headers == null) {
            return false;
        }
        for (String header : Collections.list(headers)) {
            for (String coding : header.split(",")) {
                if (!coding.isBlank() && !"identity".equalsIgnoreCase(coding.strip())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether JSON is acceptable, as RFC 9110 judges it ({@link AcceptHeader#admits}). */
    static boolean admitsJson(Enumeration<String> accept) {
        return AcceptHeader.admits(accept, MediaType.APPLICATION_JSON);
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

    /** The request with a body sent as {@code text/json} (with any parameters, a charset say) read as {@code application/json}. */
    private static final class TextJsonReadAsJson extends HttpServletRequestWrapper {

        private final String contentType;

        TextJsonReadAsJson(HttpServletRequest request) {
            super(request);
            this.contentType = asJson(request.getContentType());
        }

        private static String asJson(String written) {
            if (written == null) {
                return null;
            }
            try {
                MediaType type = MediaType.parseMediaType(written);
                return type.getType().equalsIgnoreCase("text") && type.getSubtype().equalsIgnoreCase("json")
                        ? new MediaType(MediaType.APPLICATION_JSON, type.getParameters()).toString() : written;
            } catch (InvalidMediaTypeException e) {
                return written; // refused as it is, in the dialect's shape
            }
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? contentType : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                return super.getHeaders(name);
            }
            return Collections.enumeration(contentType == null ? List.of() : List.of(contentType));
        }
    }
}
