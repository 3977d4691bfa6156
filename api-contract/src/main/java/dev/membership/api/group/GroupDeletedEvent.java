package dev.membership.api.group;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A group was deleted; it no longer exists in any dialect. {@code removedMembershipIds} are the members it had then,
 * who left it with it (revision 2; a deletion stored as revision 1 is read with none named).
 */
@Revision("2")
public record GroupDeletedEvent(UUID groupId, UUID organizationId, Instant deletedAt, List<UUID> removedMembershipIds) {
}
