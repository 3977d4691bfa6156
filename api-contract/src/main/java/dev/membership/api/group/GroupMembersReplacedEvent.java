package dev.membership.api.group;

import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A group's member set changed as one operation: these memberships were added and these removed. */
@Revision("1")
public record GroupMembersReplacedEvent(UUID groupId, UUID organizationId, List<UUID> addedMembershipIds,
        List<UUID> removedMembershipIds) {
}
