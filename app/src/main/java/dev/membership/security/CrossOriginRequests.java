package dev.membership.security;

import dev.membership.api.shared.ErrorCode;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Requests from browser pages of other origins. The origins in {@code membership.http.cors.allowed-origins} may
 * call every route with a bearer token (no cookies), and read the headers a client needs ({@code Location},
 * {@code Idempotent-Replayed}, {@code Retry-After}, {@code Link}, {@code X-Request-Id}); a preflight from any other
 * origin, or from any origin when none is configured, is refused with 403 in the path's dialect. Once origins are
 * configured, any request naming an unlisted {@code Origin} is refused so too; with none configured, requests that
 * need no preflight are served as usual, and without CORS headers the browser keeps their answers from the page.
 */
final class CrossOriginRequests {

    private CrossOriginRequests() {
    }

    static CorsFilter filter(List<String> allowedOrigins, ErrorResponder responder) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!allowedOrigins.isEmpty()) {
            CorsConfiguration allowed = new CorsConfiguration();
            allowed.setAllowedOrigins(allowedOrigins);
            allowed.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
            allowed.setAllowedHeaders(List.of(CorsConfiguration.ALL));
            // x-should-retry: Cloudflare's client reads it to tell a refusal it must not retry
            allowed.setExposedHeaders(List.of("Location", "Idempotent-Replayed", "Retry-After", "Link", "X-Request-Id",
                    "x-should-retry"));
            allowed.setAllowCredentials(false);
            allowed.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/**", allowed);
        }
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new DialectCorsProcessor(responder));
        return filter;
    }

    /** Spring's checks, with refusals written in the dialect of the request's path rather than as plain text. */
    private static final class DialectCorsProcessor extends DefaultCorsProcessor {

        private final ErrorResponder responder;

        DialectCorsProcessor(ErrorResponder responder) {
            this.responder = responder;
        }

        @Override
        public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            boolean allowed = config == null ? !CorsUtils.isPreFlightRequest(request) : super.processRequest(config, request, response);
            if (!allowed) {
                responder.write(ApiError.of(ErrorCode.FORBIDDEN,
                        "Cross-origin requests from " + origin(request) + " are not allowed here."), request, response);
            }
            return allowed;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) {
            // written by processRequest, in the dialect of the path
        }

        /** The origin, if it is a plain one: it is repeated in the answer. */
        private static String origin(HttpServletRequest request) {
            String origin = request.getHeader("Origin");
            return origin != null && origin.matches("[A-Za-z0-9+.:/\\[\\]-]{1,200}") ? origin : "this origin";
        }
    }
}
