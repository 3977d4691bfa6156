package dev.membership.api.group;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A group with its directory links and its members, pending ones included, in joining order. */
public record GroupView(UUID id, UUID organizationId, String name, String description, List<String> directoryGroupIds,
        List<GroupMemberView> members, Instant createdAt) {
}
