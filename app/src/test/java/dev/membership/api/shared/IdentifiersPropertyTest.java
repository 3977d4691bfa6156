package dev.membership.api.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Identifiers read digit by digit take exactly the 32-digit texts that the rule "32 ASCII hexadecimal digits" takes,
 * and give the same UUID as its hyphenated form.
 */
class IdentifiersPropertyTest {

    private static final Pattern THIRTY_TWO_HEX_DIGITS = Pattern.compile("[0-9a-fA-F]{32}");

    @Property(tries = 3_000)
    void acceptsExactlyThirtyTwoAsciiHexDigits(@ForAll("nearlyHex") String text) {
        Optional<UUID> parsed = Identifiers.parse(text);

        if (THIRTY_TWO_HEX_DIGITS.matcher(text).matches()) {
            assertThat(parsed).contains(UUID.fromString(hyphenated(text.toLowerCase())));
        } else {
            assertThat(parsed).isEmpty();
        }
    }

    @Property(tries = 500)
    void theHexFormAndTheHyphenatedFormNameTheSameUuid(@ForAll("uuids") UUID id) {
        String hex = id.toString().replace("-", "");

        assertThat(Identifiers.parse(hex)).contains(id);
        assertThat(Identifiers.parse(hex.toUpperCase())).contains(id);
        assertThat(Identifiers.parse(id.toString())).contains(id);
    }

    @Example
    void refusesSignsOtherDigitsAndOtherLengths() {
        assertThat(Identifiers.parse("+" + "0".repeat(31))).isEmpty();
        assertThat(Identifiers.parse("0".repeat(16) + "-" + "0".repeat(15))).isEmpty();
        assertThat(Identifiers.parse("\u0663".repeat(32))).isEmpty();     // Arabic-Indic three
        assertThat(Identifiers.parse("\uff21".repeat(32))).isEmpty();     // fullwidth A
        assertThat(Identifiers.parse("0".repeat(31))).isEmpty();
        assertThat(Identifiers.parse("0".repeat(33))).isEmpty();
        assertThat(Identifiers.parse(null)).isEmpty();
        assertThat(Identifiers.parse("f".repeat(32))).contains(new UUID(-1L, -1L));
    }

    @Provide
    Arbitrary<String> nearlyHex() {
        Arbitrary<Character> hex = Arbitraries.of("0123456789abcdefABCDEF".toCharArray());
        Arbitrary<Character> odd = Arbitraries.of('g', 'G', '+', '-', ' ', '\u0663', '\uff10', '\uff21', '\u00e9', '\u0000');
        Arbitrary<Character> mostlyHex = Arbitraries.frequencyOf(
                Tuple.of(60, hex), Tuple.of(1, odd));
        return Arbitraries.oneOf(mostlyHex.list().ofSize(32).map(IdentifiersPropertyTest::text),
                mostlyHex.list().ofMinSize(30).ofMaxSize(34).map(IdentifiersPropertyTest::text));
    }

    @Provide
    Arbitrary<UUID> uuids() {
        return Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
    }

    private static String text(List<Character> chars) {
        StringBuilder text = new StringBuilder();
        chars.forEach(text::append);
        return text.toString();
    }

    private static String hyphenated(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
                + "-" + hex.substring(20);
    }
}
