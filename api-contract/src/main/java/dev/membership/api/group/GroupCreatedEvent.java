package dev.membership.api.group;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A group was created in an organization, with no members yet. */
@Revision("1")
public record GroupCreatedEvent(UUID groupId, UUID organizationId, String name, String description, Instant createdAt) {
}
