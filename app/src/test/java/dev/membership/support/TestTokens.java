package dev.membership.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs bearer tokens the way an identity provider would, with the test secret or a wrong one. */
public final class TestTokens {

    public static final String SECRET = "test-secret-for-hs256-0123456789-0123456789";
    public static final String PLATFORM_ADMIN_SCOPE = "membership:platform-admin";

    private TestTokens() {
    }

    public static String user(String email) {
        return user(email, Duration.ofHours(1));
    }

    /** A user's token that expires {@code validFor} from now. */
    public static String user(String email, Duration validFor) {
        return sign(SECRET, email, email, "", Instant.now().plus(validFor));
    }

    public static String platformAdmin() {
        return sign(SECRET, "platform-admin", "platform-admin@membership.test", PLATFORM_ADMIN_SCOPE,
                Instant.now().plus(Duration.ofHours(1)));
    }

    /** A platform admin of its own subject, for tests of what one caller may hold. */
    public static String platformAdmin(String subject) {
        return sign(SECRET, subject, subject + "@membership.test", PLATFORM_ADMIN_SCOPE, Instant.now().plus(Duration.ofHours(1)));
    }

    public static String badSignature(String email) {
        return sign("another-secret-that-is-long-enough-0123456789", email, email, "", Instant.now().plus(Duration.ofHours(1)));
    }

    /** The header and claims of {@code token}, byte for byte, signed with another key. */
    public static String forgedTwin(String token) {
        String signedPart = token.substring(0, token.lastIndexOf('.'));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(
                    "another-secret-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signedPart.getBytes(StandardCharsets.US_ASCII));
            return signedPart + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String expired(String email) {
        return sign(SECRET, email, email, "", Instant.now().minus(Duration.ofHours(1)));
    }

    /** A correctly signed token for {@code email} that never expires: it has no {@code exp} claim. */
    public static String withoutExpiry(String email) {
        return signed(SECRET, new JWTClaimsSet.Builder().subject(email).claim("email", email).claim("scope", "")
                .issueTime(Date.from(Instant.now())).build());
    }

    /** A valid token with the given claims as they are, for tests of what a token may carry. */
    public static String withClaims(String subject, String email, String name) {
        return sign(SECRET, subject, email, name, "", Instant.now().plus(Duration.ofHours(1)));
    }

    private static String sign(String secret, String subject, String email, String scope, Instant expiresAt) {
        return sign(secret, subject, email, email.substring(0, email.indexOf('@') > 0 ? email.indexOf('@') : email.length()), scope,
                expiresAt);
    }

    private static String sign(String secret, String subject, String email, String name, String scope, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("email", email)
                .claim("name", name)
                .claim("scope", scope)
                .issueTime(Date.from(expiresAt.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiresAt))
                .build();
        return signed(secret, claims);
    }

    private static String signed(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
