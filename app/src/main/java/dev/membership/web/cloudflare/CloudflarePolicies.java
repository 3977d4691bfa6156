package dev.membership.web.cloudflare;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import java.util.List;

/** Cloudflare's access policies, which this service does not manage: a body may carry none, or an empty list. */
public final class CloudflarePolicies {

    private CloudflarePolicies() {
    }

    /** A 400 naming {@code policies} unless the list is absent or empty. */
    public static void requireNone(List<Object> policies, String on) {
        if (policies != null && !policies.isEmpty()) {
            throw new MembershipException(ErrorCode.INVALID_REQUEST,
                    "Access policies on " + on + " are not managed by this service; send no policies.",
                    List.of(new InvalidParam("policies", "Must be empty")));
        }
    }
}
