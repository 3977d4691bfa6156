package dev.membership.api.group;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A group was deleted; it no longer exists in any dialect. */
@Revision("1")
public record GroupDeletedEvent(UUID groupId, UUID organizationId, Instant deletedAt) {
}
