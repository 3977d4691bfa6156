package dev.membership.web.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A name must show something: text made only of characters that draw nothing is not a name. */
class PlainTextsTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u200b", "\u034f", "\ufe0f", "\u0301", "\u20dd", "\u115f", "\u1160", "\u3164", "\uffa0",
            "\u2800", "\u17b4", "\u00ad", "\u034f\u0301\u2800", "\u3164 \u3164", "\udb40\udc20"})
    void textOfCharactersThatDrawNothing_isNotVisible(String text) {
        assertThat(PlainTexts.isPlain(text, false, true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "e\u0301", "\u00e9", "\u0915\u0903", "\ud83d\ude00", "\u2764\ufe0f", "\u3131",
            "\u2801", " x ", "\u0628\u0650"})
    void textWithACharacterThatShows_isVisible(String text) {
        assertThat(PlainTexts.isPlain(text, false, true)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ufeffbom", "a\u202eb", "a\u2066b", "a\u0000b", "a\ufffeb"})
    void textWithAFormattingOrControlCharacterThatIsNotAllowed_isNotPlain(String text) {
        assertThat(PlainTexts.isPlain(text, false, false)).isFalse();
    }
}
