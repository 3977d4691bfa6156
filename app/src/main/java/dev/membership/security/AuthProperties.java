package dev.membership.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Development and test authentication.
 *
 * @param hs256Secret    the HS256 signing secret, at least 32 bytes ({@code MEMBERSHIP_AUTH_HS256_SECRET}); when
 *                       empty and no issuer or JWK set is configured, one is generated at start-up
 * @param generateSecret whether a secret may be generated then ({@code MEMBERSHIP_AUTH_GENERATE_SECRET}, the default
 *                       for a first run on a developer's machine); {@code false} refuses to start instead, as the
 *                       container image sets it, so a deployment that misses its secret or issuer does not run with
 *                       a secret of its own and a platform-admin token in its log
 */
@ConfigurationProperties("membership.auth")
public record AuthProperties(String hs256Secret, @DefaultValue("true") boolean generateSecret) {
}
