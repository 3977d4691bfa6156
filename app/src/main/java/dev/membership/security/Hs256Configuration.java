package dev.membership.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.membership.infra.settings.SettingsCheck;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * HS256 tokens for development and tests, used when no issuer or JWK set is configured. Without
 * {@code MEMBERSHIP_AUTH_HS256_SECRET} a random secret is generated and a ready platform-admin token is
 * logged once, so a first run needs nothing else; unless {@code MEMBERSHIP_AUTH_GENERATE_SECRET=false} (the
 * container image's setting), which refuses to start then.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == '' "
        + "and '${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}' == ''")
class Hs256Configuration {

    private static final Logger log = LoggerFactory.getLogger(Hs256Configuration.class);
    static final int MIN_SECRET_BYTES = SettingsCheck.MIN_SECRET_BYTES;

    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        byte[] secret;
        if (properties.hs256Secret() == null || properties.hs256Secret().isBlank()) {
            if (!properties.generateSecret()) {
                throw new IllegalStateException("No way to verify tokens is configured: set MEMBERSHIP_AUTH_HS256_SECRET "
                        + "(at least " + MIN_SECRET_BYTES + " bytes), or SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI "
                        + "or _JWK_SET_URI for an identity provider (MEMBERSHIP_AUTH_GENERATE_SECRET=false refuses to "
                        + "generate a secret for the run).");
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.UTF_8);
            logAdminToken(key(secret));
        } else {
            secret = properties.hs256Secret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("MEMBERSHIP_AUTH_HS256_SECRET must be at least " + MIN_SECRET_BYTES
                        + " bytes long; it has " + secret.length + ".");
            }
        }
        return NimbusJwtDecoder.withSecretKey(key(secret)).macAlgorithm(MacAlgorithm.HS256).build();
    }

    private static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static void logAdminToken(SecretKey key) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject("platform-admin")
                .claim("email", "admin@localhost")
                .claim("name", "Platform Admin")
                .claim("scope", Callers.PLATFORM_ADMIN_SCOPE)
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofDays(1)))
                .build();
        String token = new NimbusJwtEncoder(new ImmutableSecret<>(key))
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        log.warn("MEMBERSHIP_AUTH_HS256_SECRET is not set: generated a secret for this run only. "
                + "Platform-admin token (valid 24 h): {}", token);
    }
}
