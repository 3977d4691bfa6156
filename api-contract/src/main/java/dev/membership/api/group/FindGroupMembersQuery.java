package dev.membership.api.group;

import java.util.List;
import java.util.UUID;

/**
 * A page of a group's members by email, answered with a {@link GroupMemberPage}.
 *
 * @param emailContains only members whose email contains this text, case-insensitively, or {@code null}
 * @param membershipIds only these memberships (those of them in the group), or {@code null} for every one
 */
public record FindGroupMembersQuery(UUID organizationId, UUID groupId, String emailContains, List<UUID> membershipIds,
        boolean descending, int offset, int limit) {

    public FindGroupMembersQuery {
        membershipIds = membershipIds == null ? null : List.copyOf(membershipIds);
    }
}
