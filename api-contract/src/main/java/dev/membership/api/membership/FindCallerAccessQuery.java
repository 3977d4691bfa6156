package dev.membership.api.membership;

import java.util.UUID;

/** What the person with this email may do in an organization, answered with a {@link CallerAccess}. */
public record FindCallerAccessQuery(UUID organizationId, String email) {
}
