package dev.membership.api.shared;

import java.text.Normalizer;

/**
 * Email normalization: people are keyed by the trimmed address, each character lower-cased by itself, in Unicode's
 * composed form (NFC). So {@code e} followed by a combining acute accent is the same address as {@code é}, and
 * lower-casing never lengthens an address ({@code İ} becomes {@code i}, not {@code i} and a combining dot). It is
 * composed both before lower-casing (a capital with a precomposed form lower-cases to its small precomposed form)
 * and after (a capital without one, {@code J} with a caron, composes only once it is small), so every way of
 * writing an address normalizes alike, and normalizing twice changes nothing.
 */
public final class Emails {

    public static final int MAX_LENGTH = 254;

    private Emails() {
    }

    public static String normalize(String email) {
        String composed = Normalizer.normalize(email.strip(), Normalizer.Form.NFC);
        StringBuilder lower = new StringBuilder(composed.length());
        composed.codePoints().map(Character::toLowerCase).forEach(lower::appendCodePoint);
        return Normalizer.normalize(lower, Normalizer.Form.NFC);
    }
}
