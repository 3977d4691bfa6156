package dev.membership.api.membership;

import java.util.UUID;

/** A page of an organization's accepted members in joining order, answered with a {@link MemberPage}. */
public record FindMembersQuery(UUID organizationId, int offset, int limit) {
}
