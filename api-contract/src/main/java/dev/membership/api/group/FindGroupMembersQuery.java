package dev.membership.api.group;

import java.util.UUID;

/** A page of a group's members by email, answered with a {@link GroupMemberPage}. */
public record FindGroupMembersQuery(UUID organizationId, UUID groupId, String emailContains, boolean descending,
        int offset, int limit) {
}
