package dev.membership.web.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Header values as their clients wrote them. HTTP/1.1 servers read header bytes as ISO-8859-1, so a UTF-8
 * {@code café} arrives as {@code cafÃ©}, and the bytes of an em dash arrive partly as C1 control characters.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** The value read as UTF-8 when its bytes are valid UTF-8 and not all ASCII; otherwise the value as received. */
    public static String asWritten(String value) {
        return utf8(value).orElse(value);
    }

    /** The value's bytes read as UTF-8, when there are bytes above ASCII and they are valid UTF-8. */
    public static Optional<String> utf8(String value) {
        if (value == null || value.chars().allMatch(c -> c < 0x80) || value.chars().anyMatch(c -> c > 0xFF)) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
