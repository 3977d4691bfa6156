package dev.membership.api.group;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Groups by membership id; memberships in no group are absent. */
public record MemberGroups(Map<UUID, List<GroupSummary>> groupsByMembership) {

    /** A group named, with its manager's membership id, or {@code null}. */
    public record GroupSummary(UUID id, String name, UUID managerMembershipId) {
    }

    public List<GroupSummary> of(UUID membershipId) {
        return groupsByMembership.getOrDefault(membershipId, List.of());
    }
}
