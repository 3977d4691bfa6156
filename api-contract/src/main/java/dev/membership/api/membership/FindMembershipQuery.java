package dev.membership.api.membership;

import java.util.UUID;

/** One membership of an organization, answered with an optional {@link MembershipView}. */
public record FindMembershipQuery(UUID organizationId, UUID membershipId) {
}
