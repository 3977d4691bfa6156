package dev.membership.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that remembers the tokens it has verified, so a client sending the same bearer token with
 * every request has it verified and parsed once rather than per request (about a tenth of the CPU of a write). A
 * token is kept until it expires, and at most {@link #MAXIMUM_AGE}, the time a JWK set is cached for: a
 * key withdrawn from the issuer's set is honoured at most that much longer than without this cache. Tokens that
 * fail verification are not kept, and the cache holds at most the configured number of tokens.
 */
final class VerifiedTokenCache implements JwtDecoder {

    static final Duration MAXIMUM_AGE = Duration.ofMinutes(5);

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder verifier, long maximumSize, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifetime(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        // an entry leaves the cache when its token expires (lifetime), so what is found is still valid
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    /** Until the token expires, and no longer than the maximum age. */
    private Duration lifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return MAXIMUM_AGE;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left.compareTo(MAXIMUM_AGE) < 0 ? left : MAXIMUM_AGE;
    }
}
