package dev.membership.api.shared;

import java.text.Normalizer;

/**
 * Email normalization: people are keyed by the trimmed address in Unicode's composed form (NFC), each character
 * lower-cased by itself. So {@code e} followed by a combining acute accent is the same address as {@code é}, and
 * lower-casing never lengthens an address ({@code İ} becomes {@code i}, not {@code i} and a combining dot).
 */
public final class Emails {

    public static final int MAX_LENGTH = 254;

    private Emails() {
    }

    public static String normalize(String email) {
        String composed = Normalizer.normalize(email.strip(), Normalizer.Form.NFC);
        StringBuilder lower = new StringBuilder(composed.length());
        composed.codePoints().map(Character::toLowerCase).forEach(lower::appendCodePoint);
        return lower.toString();
    }
}
