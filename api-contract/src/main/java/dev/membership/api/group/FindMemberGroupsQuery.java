package dev.membership.api.group;

import java.util.List;
import java.util.UUID;

/** The groups each of the given memberships belongs to, answered with a {@link MemberGroups}. */
public record FindMemberGroupsQuery(UUID organizationId, List<UUID> membershipIds) {

    public FindMemberGroupsQuery {
        membershipIds = List.copyOf(membershipIds);
    }
}
