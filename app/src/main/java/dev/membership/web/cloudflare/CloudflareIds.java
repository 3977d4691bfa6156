package dev.membership.web.cloudflare;

import dev.membership.api.shared.ErrorCode;
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

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CloudflareIds() {
    }

    public static String hex(UUID id) {
        return id == null ? null : id.toString().replace("-", "");
    }

    /** The UUID of an identifier, or a 400 naming the parameter. */
    public static UUID parse(String value, String name) {
        if (value != null && HEX.matcher(value).matches()) {
            String hex = value.toLowerCase();
            return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20));
        }
        if (value != null && UUID_FORM.matcher(value).matches()) {
            return UUID.fromString(value);
        }
        throw new MembershipException(ErrorCode.INVALID_REQUEST, "Invalid identifier for " + name + ".",
                List.of(new InvalidParam(name, "Must be 32 hexadecimal digits")));
    }
}
