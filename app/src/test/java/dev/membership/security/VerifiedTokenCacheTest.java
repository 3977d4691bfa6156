package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final JwtDecoder verifier = mock(JwtDecoder.class);
    private final MutableClock clock = new MutableClock(START);
    private final VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 100, clock);

    @Test
    void aTokenSentAgain_isVerifiedOnce() {
        Jwt jwt = jwt("alice", START.plus(Duration.ofHours(1)));
        when(verifier.decode("token-a")).thenReturn(jwt);

        assertThat(cache.decode("token-a")).isSameAs(jwt);
        assertThat(cache.decode("token-a")).isSameAs(jwt);

        verify(verifier, times(1)).decode("token-a");
    }

    @Test
    void aCachedToken_isVerifiedAgainOnceItHasExpired_andThenRefused() {
        when(verifier.decode("token-a")).thenReturn(jwt("alice", START.plusSeconds(30)));
        cache.decode("token-a");

        clock.advance(Duration.ofSeconds(31));
        when(verifier.decode("token-a")).thenThrow(new BadJwtException("Jwt expired"));

        assertThatThrownBy(() -> cache.decode("token-a")).isInstanceOf(BadJwtException.class);
        verify(verifier, times(2)).decode("token-a");
    }

    @Test
    void aLongLivedToken_isVerifiedAgainAfterTheMaximumAge() {
        when(verifier.decode("token-a")).thenReturn(jwt("alice", START.plus(Duration.ofDays(1))));
        cache.decode("token-a");
        clock.advance(VerifiedTokenCache.MAXIMUM_AGE.minusSeconds(1));
        cache.decode("token-a");
        verify(verifier, times(1)).decode("token-a");

        clock.advance(Duration.ofSeconds(2));
        cache.decode("token-a");

        verify(verifier, times(2)).decode("token-a");
    }

    @Test
    void aRefusedToken_isNotRemembered() {
        when(verifier.decode("forged")).thenThrow(new BadJwtException("Signed JWT rejected"));

        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);

        verify(verifier, times(2)).decode("forged");
    }

    @Test
    void differentTokens_areVerifiedEachOnTheirOwn() {
        Jwt alice = jwt("alice", START.plus(Duration.ofHours(1)));
        Jwt bob = jwt("bob", START.plus(Duration.ofHours(1)));
        when(verifier.decode("token-a")).thenReturn(alice);
        when(verifier.decode("token-b")).thenReturn(bob);

        assertThat(cache.decode("token-a").getSubject()).isEqualTo("alice");
        assertThat(cache.decode("token-b").getSubject()).isEqualTo("bob");
        assertThat(cache.decode("token-a").getSubject()).isEqualTo("alice");
    }

    private static Jwt jwt(String subject, Instant expiresAt) {
        return Jwt.withTokenValue("token-of-" + subject).header("alg", "HS256").subject(subject)
                .issuedAt(START).expiresAt(expiresAt).build();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
