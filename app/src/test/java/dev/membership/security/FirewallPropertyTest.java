package dev.membership.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's shortcut for printable ASCII accepts exactly what Spring Security's own rules accept, for header and
 * parameter names and values alike, and consults those rules only for text that is not printable ASCII.
 */
class FirewallPropertyTest {

    private static final Predicate<String> HEADER_VALUES =
            SecurityConfiguration.printableAsciiOr(StrictHttpFirewall.ALLOWED_HEADER_VALUES);
    private static final Predicate<String> HEADER_NAMES =
            SecurityConfiguration.printableAsciiOr(StrictHttpFirewall.ALLOWED_HEADER_NAMES);
    private static final Predicate<String> PARAMETER_VALUES =
            SecurityConfiguration.printableAsciiOr(StrictHttpFirewall.ALLOWED_PARAMETER_VALUES);

    @Property(tries = 2_000)
    void acceptsExactlyWhatTheFirewallsOwnRulesAccept(@ForAll("headerText") String text) {
        assertThat(HEADER_VALUES.test(text)).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
        assertThat(HEADER_NAMES.test(text)).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text));
        assertThat(PARAMETER_VALUES.test(text)).isEqualTo(StrictHttpFirewall.ALLOWED_PARAMETER_VALUES.test(text));
    }

    @Property(tries = 500)
    void printableAsciiIsAcceptedWithoutTheRule(@ForAll("printableAscii") String text) {
        AtomicInteger consulted = new AtomicInteger();
        Predicate<String> rule = value -> consulted.incrementAndGet() > 0;

        assertThat(SecurityConfiguration.printableAsciiOr(rule).test(text)).isTrue();
        assertThat(consulted).hasValue(0);
    }

    @Example
    void controlCharactersAndUnassignedCodePointsAreStillRefused() {
        for (String text : new String[] {"Bearer a\u0085b", "a\u0000", "tab\tin a name", "\u007f", "x\u0378y"}) {
            assertThat(HEADER_NAMES.test(text)).as(text).isFalse();
        }
        assertThat(HEADER_VALUES.test("a\u0085b")).isFalse();
        assertThat(HEADER_VALUES.test("tab\tin a value")).isTrue();
        assertThat(HEADER_VALUES.test("caf\u00e9 \ud83d\ude00")).isTrue();
    }

    @Provide
    Arbitrary<String> headerText() {
        // mostly printable ASCII, with control characters (C0, DEL, C1), Latin-1, unassigned and surrogate code units
        Arbitrary<Character> ascii = Arbitraries.chars().range(' ', '~');
        Arbitrary<Character> odd = Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001f'),
                Arbitraries.of('\u007f', '\t', '\u0378', '\ud800', '\udc00', '\ufffe'),
                Arbitraries.chars().range('\u0080', '\u00ff'), Arbitraries.chars().range('\u0100', '\uffff'));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(20, ascii), net.jqwik.api.Tuple.of(1, odd))
                .list().ofMaxSize(40)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
    }

    @Provide
    Arbitrary<String> printableAscii() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(600);
    }
}
