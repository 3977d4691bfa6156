package dev.membership.api.group;

import java.util.UUID;

/**
 * A page of a group's members by email, answered with a {@link GroupMemberPage}.
 *
 * @param emailContains only members whose email contains this text, case-insensitively, or {@code null}
 * @param membershipId  only this membership, or {@code null}
 */
public record FindGroupMembersQuery(UUID organizationId, UUID groupId, String emailContains, UUID membershipId,
        boolean descending, int offset, int limit) {
}
