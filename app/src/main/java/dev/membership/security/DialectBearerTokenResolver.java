package dev.membership.security;

import dev.membership.web.error.Dialect;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Finds the bearer JWT. DocSpace clients may also send it as the {@code asc_auth_key} cookie or as a raw
 * {@code Authorization} value without the {@code Bearer} prefix; every other path takes only
 * {@code Authorization: Bearer}.
 */
class DialectBearerTokenResolver implements BearerTokenResolver {

    static final String DOCSPACE_COOKIE = "asc_auth_key";
    private static final String BEARER = "Bearer ";

    private final DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        if (Dialect.of(request) != Dialect.ONLYOFFICE) {
            return standard.resolve(request);
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            String value = authorization.strip();
            return value.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? value.substring(BEARER.length()).strip() : value;
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (DOCSPACE_COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                    return cookie.getValue().strip();
                }
            }
        }
        return null;
    }
}
