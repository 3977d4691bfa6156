package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Where no identity provider is configured, tokens are verified with an HS256 secret: given, or generated for the run. */
class Hs256ConfigurationTest {

    private final Hs256Configuration configuration = new Hs256Configuration();

    @Test
    void withoutASecret_oneIsGeneratedForTheRun_byDefault() {
        assertThat(configuration.jwtDecoder(new AuthProperties(null, true))).isNotNull();
        assertThat(configuration.jwtDecoder(new AuthProperties(" ", true))).isNotNull();
    }

    /** As the container image sets it: a deployment that missed its secret or issuer does not start. */
    @Test
    void withoutASecret_andGenerationRefused_theServiceDoesNotStart_namingWhatToSet() {
        assertThatThrownBy(() -> configuration.jwtDecoder(new AuthProperties("", false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MEMBERSHIP_AUTH_HS256_SECRET")
                .hasMessageContaining("ISSUER_URI");
    }

    @Test
    void aSecretGiven_isUsed_whetherOrNotGenerationIsAllowed() {
        assertThat(configuration.jwtDecoder(new AuthProperties("0123456789-0123456789-0123456789-ab", false))).isNotNull();
        assertThatThrownBy(() -> configuration.jwtDecoder(new AuthProperties("short", false)))
                .hasMessageContaining("at least 32 bytes");
    }
}
