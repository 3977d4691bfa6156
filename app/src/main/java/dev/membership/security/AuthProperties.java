package dev.membership.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Development and test authentication.
 *
 * @param hs256Secret the HS256 signing secret, at least 32 bytes ({@code MEMBERSHIP_AUTH_HS256_SECRET}); when
 *                    empty and no issuer or JWK set is configured, one is generated at start-up
 */
@ConfigurationProperties("membership.auth")
public record AuthProperties(String hs256Secret) {
}
