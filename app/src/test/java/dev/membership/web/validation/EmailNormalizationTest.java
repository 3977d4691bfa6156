package dev.membership.web.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.shared.Emails;
import org.junit.jupiter.api.Test;

/** One address, however its characters are written, is one person; and the stored form is never longer than allowed. */
class EmailNormalizationTest {

    private final StorableEmailValidator storable = new StorableEmailValidator();

    @Test
    void anAccentWrittenAsACombiningMark_isTheSameAddressAsTheComposedLetter() {
        assertThat(Emails.normalize("be\u0301@acme.test")).isEqualTo(Emails.normalize("B\u00c9@acme.test")).isEqualTo("b\u00e9@acme.test");
    }

    @Test
    void aCapitalWithoutAComposedForm_normalizesLikeItsComposedSmallLetter_andNormalizingTwiceChangesNothing() {
        // J with a caron has no precomposed capital; its small form is U+01F0
        assertThat(Emails.normalize("J\u030c@acme.test")).isEqualTo(Emails.normalize("\u01f0@acme.test")).isEqualTo("\u01f0@acme.test");
        for (String address : new String[] {"J\u030c@acme.test", "be\u0301@acme.test", "\u0130stanbul@acme.test",
                "\u03a3\u03a3@acme.test", "\u0958@acme.test"}) {
            String once = Emails.normalize(address);
            assertThat(Emails.normalize(once)).as(address).isEqualTo(once);
        }
    }

    @Test
    void lowerCasing_neverLengthensAnAddress() {
        String dotted = "\u0130".repeat(64) + "@acme.test";

        assertThat(Emails.normalize(dotted)).hasSameSizeAs(dotted).startsWith("iiii");
        assertThat(Emails.normalize("  Ann@Acme.TEST ")).isEqualTo("ann@acme.test");
    }

    @Test
    void anAddressWhosePartBeforeTheAtGrowsPast64WhenNormalized_isNotStorable() {
        String fits = "\u0958".repeat(32) + "@acme.test"; // each letter composes into two: 64 before the @
        String grows = "\u0958".repeat(33) + "@acme.test";

        assertThat(Emails.normalize(grows).indexOf('@')).isEqualTo(66);
        assertThat(storable.isValid(fits, null)).isTrue();
        assertThat(storable.isValid(grows, null)).isFalse();
    }

    @Test
    void anAddressIsStorable_whenItsNormalizedFormFits() {
        String local = "a".repeat(64);
        String fits = local + "@" + "d".repeat(254 - 65 - 5) + ".test";
        // U+0958 is excluded from composition: NFC writes it as two characters
        String growsPastTheLimit = "\u0958".repeat(64) + "@" + "d".repeat(254 - 65 - 5) + ".test";

        assertThat(fits).hasSize(254);
        assertThat(storable.isValid(fits, null)).isTrue();
        assertThat(growsPastTheLimit).hasSize(254);
        assertThat(storable.isValid(growsPastTheLimit, null)).isFalse();
        assertThat(storable.isValid("x".repeat(2_000) + "@acme.test", null)).isFalse();
        assertThat(storable.isValid(null, null)).isTrue();
        assertThat(storable.isValid("mal\u200blory@acme.test", null)).as("refused without a context to name why").isFalse();
    }
}
