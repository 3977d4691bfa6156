package dev.membership.api.shared;

import java.util.Locale;

/** Email normalization: people are keyed by the trimmed, lower-cased address. */
public final class Emails {

    public static final int MAX_LENGTH = 254;

    private Emails() {
    }

    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
