package dev.membership.api.group;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A group with its directory links, its manager and its members, pending ones included, in joining order.
 * {@code members} is empty where a query leaves members out; {@code memberCount} is always the full count.
 */
public record GroupView(UUID id, UUID organizationId, String name, String description, List<String> directoryGroupIds,
        UUID managerMembershipId, long memberCount, List<GroupMemberView> members, Instant createdAt,
        Instant modifiedAt) {
}
