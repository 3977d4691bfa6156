package dev.membership.security;

import dev.membership.web.error.Dialect;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Finds the bearer JWT. DocSpace clients may also send it as the {@code asc_auth_key} cookie, read first as
 * DocSpace's server reads it, or as a raw {@code Authorization} value without the {@code Bearer} prefix; every other
 * path takes only {@code Authorization: Bearer}.
 */
class DialectBearerTokenResolver implements BearerTokenResolver {

    static final String DOCSPACE_COOKIE = "asc_auth_key";
    private static final String BEARER = "Bearer ";
    /**
     * Paths anyone may read: health, and the API's documentation. A token sent to them is not read, so a browser
     * or tool that sends an expired one everywhere still reads the documentation.
     */
    static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs",
            "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};
    private static final List<PathPattern> PUBLIC_PATHS = Arrays.stream(PUBLIC).map(PathPatternParser.defaultInstance::parse).toList();

    private final DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(Dialect.path(request));
        if (PUBLIC_PATHS.stream().anyMatch(pattern -> pattern.matches(path))) {
            return null;
        }
        if (Dialect.of(request) != Dialect.ONLYOFFICE) {
            return standard.resolve(request);
        }
        // the cookie first, then the header, as DocSpace's server reads them
        String fromCookie = null;
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (DOCSPACE_COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                    String value = cookie.getValue().strip();
                    if (fromCookie != null && !fromCookie.equals(value)) {
                        // which of two was meant cannot be told, as with two Authorization headers
                        throw new InvalidBearerTokenException("The request has more than one " + DOCSPACE_COOKIE + " cookie.");
                    }
                    fromCookie = value;
                }
            }
        }
        if (fromCookie != null) {
            return fromCookie;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            String value = authorization.strip();
            return value.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? value.substring(BEARER.length()).strip() : value;
        }
        return null;
    }
}
