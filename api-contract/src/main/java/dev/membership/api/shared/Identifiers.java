package dev.membership.api.shared;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The service's ids as text: hyphenated UUIDs, or the same 32 hex digits without hyphens. */
public final class Identifiers {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Identifiers() {
    }

    public static Optional<UUID> parse(String value) {
        if (value != null && HEX.matcher(value).matches()) {
            String hex = value.toLowerCase();
            return Optional.of(UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16)
                    + "-" + hex.substring(16, 20) + "-" + hex.substring(20)));
        }
        return parseUuid(value);
    }

    /** A UUID in its canonical 36-character hyphenated form, hexadecimal digits in either case. */
    public static Optional<UUID> parseUuid(String value) {
        if (value != null && UUID_FORM.matcher(value).matches()) {
            return Optional.of(UUID.fromString(value));
        }
        return Optional.empty();
    }
}
