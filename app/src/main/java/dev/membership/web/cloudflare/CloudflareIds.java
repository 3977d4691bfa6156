package dev.membership.web.cloudflare;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.Identifiers;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Cloudflare identifiers: 32 lowercase hex digits, the service's UUIDs without hyphens. Hyphenated UUIDs are
 * accepted too.
 */
public final class CloudflareIds {

    private CloudflareIds() {
    }

    public static String hex(UUID id) {
        return id == null ? null : id.toString().replace("-", "");
    }

    /** The UUID of an identifier, or a 400 naming the parameter. */
    public static UUID parse(String value, String name) {
        return Identifiers.parse(value).orElseThrow(() -> new MembershipException(ErrorCode.INVALID_REQUEST,
                "Invalid identifier for " + name + ".", List.of(new InvalidParam(name, "Must be 32 hexadecimal digits"))));
    }

    /** A run of spaces, compiled once: {@code String.split} compiles a pattern of two characters on every call. */
    private static final Pattern SPACES = Pattern.compile(" +");

    /** First and last name from a full name, split at the first run of spaces; {@code null}s where unknown. */
    public static String[] names(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            return new String[] {null, null};
        }
        String[] parts = SPACES.split(fullName.strip(), 2); // no last name starts with a space
        return new String[] {parts[0], parts.length > 1 ? parts[1] : null};
    }
}
