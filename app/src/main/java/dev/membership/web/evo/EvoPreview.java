package dev.membership.web.evo;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import java.util.List;

/**
 * Evo's preview opt-in for instance groups and IMS groups: {@code API-Preview: opt-in}, or the deprecated
 * {@code Preview-API: opt-in}. Both are optional here, so clients that never send them keep working; a value
 * other than {@code opt-in} is refused.
 */
public final class EvoPreview {

    public static final String HEADER = "API-Preview";
    public static final String LEGACY_HEADER = "Preview-API";
    private static final String OPT_IN = "opt-in";

    private EvoPreview() {
    }

    public static void check(String apiPreview, String previewApi) {
        requireOptIn(HEADER, apiPreview);
        requireOptIn(LEGACY_HEADER, previewApi);
    }

    private static void requireOptIn(String header, String value) {
        if (value != null && !OPT_IN.equalsIgnoreCase(value.strip())) {
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "Set " + header + " to \"opt-in\" or leave it out.",
                    List.of(new InvalidParam(header, "Must be \"opt-in\"")));
        }
    }
}
