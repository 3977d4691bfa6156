package dev.membership.security;

import dev.membership.api.shared.Actor;
import dev.membership.web.validation.PlainTexts;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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

    /**
     * Whether the current request carries a verified token. Requests to the public paths (health, the documentation)
     * have none: they take no write turn and keep no idempotency key, so a caller without a token cannot hold either.
     */
    public static boolean authenticated() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken;
    }

    /** The current caller's token subject, if the request carries a verified token. */
    public static Optional<String> subject() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                ? Optional.ofNullable(token.getName()) : Optional.empty();
    }

    /** When the current caller's token expires (every accepted token says so). */
    public static Optional<Instant> currentExpiry() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                ? Optional.ofNullable(token.getToken().getExpiresAt()) : Optional.empty();
    }

    /**
     * Whether a token's subject and email are plain text: one with control or invisible formatting characters is
     * refused as it is authenticated ({@code SecurityConfiguration}), since they would be recorded with every event;
     * an email with any invisible character is, as in a request's body.
     */
    static boolean plainClaims(Jwt jwt) {
        String subject = jwt.getSubject();
        String email = jwt.getClaimAsString("email");
        return (subject == null || PlainTexts.isPlain(subject, false, false))
                && (email == null || PlainTexts.isPlain(email, false, false)
                        && PlainTexts.isVisibleAddress(email));
    }

    /**
     * The caller of a verified token, whose subject and email were found plain as it was authenticated ({@link
     * #plainClaims}); what is not plain text is dropped from the name.
     */
    public static Actor from(Jwt jwt) {
        String email = jwt.getClaimAsString("email");
        String subject = jwt.getSubject();
        return new Actor(subject, email == null || email.isBlank() ? null : email, name(jwt.getClaimAsString("name")),
                scopes(jwt).contains(PLATFORM_ADMIN_SCOPE));
    }

    /** The most characters of a person's name kept from a token, as for a name sent in a body. */
    static final int MAX_NAME = 200;

    /**
     * The {@code name} claim as plain text (what is not is dropped), stripped as a name in a body is, cut to
     * {@link #MAX_NAME} characters as a body's rule counts them (UTF-16 units), never in the middle of one that takes
     * two; {@code null} when it is blank.
     */
    private static String name(String claim) {
        String name = claim == null ? null : PlainTexts.optionalName(PlainTexts.strip(claim));
        if (name != null && name.length() > MAX_NAME) {
            int end = Character.isHighSurrogate(name.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
            name = name.substring(0, end).strip();
        }
        // a name that shows nothing (zero-width characters, say) is no name, as a body's would be refused
        return name == null || !PlainTexts.isPlain(name, false, true) ? null : name;
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
