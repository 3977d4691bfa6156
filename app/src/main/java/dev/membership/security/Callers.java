package dev.membership.security;

import dev.membership.api.shared.Actor;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Turns the authenticated token into the {@link Actor} the command side works with. */
public final class Callers {

    public static final String PLATFORM_ADMIN_SCOPE = "membership:platform-admin";

    private Callers() {
    }

    public static Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("No authenticated caller");
        }
        return from(token.getToken());
    }

    public static Actor from(Jwt jwt) {
        String email = jwt.getClaimAsString("email");
        return new Actor(jwt.getSubject(), email == null || email.isBlank() ? null : email, jwt.getClaimAsString("name"),
                scopes(jwt).contains(PLATFORM_ADMIN_SCOPE));
    }

    private static Collection<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String text) {
            return List.of(text.split(" "));
        }
        if (scope instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
