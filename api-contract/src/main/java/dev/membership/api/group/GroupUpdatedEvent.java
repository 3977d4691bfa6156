package dev.membership.api.group;

import org.axonframework.serialization.Revision;
import java.time.Instant;
import java.util.UUID;

/** A group's name or description changed; both are given as they are now. */
@Revision("1")
public record GroupUpdatedEvent(UUID groupId, UUID organizationId, String name, String description, Instant updatedAt) {
}
