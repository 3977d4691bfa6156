package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.support.ApiTestSupport;
import dev.membership.support.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The service remembers the tokens it has verified; a token that differs in any byte is verified anew. */
class VerifiedTokensApiTest extends ApiTestSupport {

    @Autowired
    private JwtDecoder decoder;

    @Test
    void theServicesTokenDecoder_remembersAVerifiedToken_andVerifiesAnyOtherAnew() {
        String someone = email("someone");
        String token = TestTokens.user(someone);

        Jwt verified = decoder.decode(token);

        assertThat(decoder.decode(token)).as("the same token, remembered").isSameAs(verified);
        assertThat(decoder.decode(TestTokens.user(someone, Duration.ofMinutes(30)))).as("another token of the same person")
                .isNotSameAs(verified);
        assertThatThrownBy(() -> decoder.decode(TestTokens.badSignature(someone))).isInstanceOf(JwtException.class);
    }

    @Test
    void aForgedTokenWithTheClaimsOfAVerifiedOne_isStillRefused() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        String path = "/workspace/orgs/" + org + "/members/users";
        String token = TestTokens.user(owner);
        assertThat(http.as(token).get(path).status()).isEqualTo(200);
        assertThat(http.as(token).get(path).status()).isEqualTo(200);

        String forged = TestTokens.forgedTwin(token);
        assertThat(forged).isNotEqualTo(token).startsWith(token.substring(0, token.lastIndexOf('.') + 1));
        assertThat(http.as(forged).get(path).status()).isEqualTo(401);
        assertThat(http.as(TestTokens.expired(owner)).get(path).status()).isEqualTo(401);
    }
}
