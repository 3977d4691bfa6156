package dev.membership.api.membership;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A member left the organization; their membership ended. */
@Revision("1")
public record UserRemovedEvent(UUID organizationId, UUID membershipId, UUID userId, String email, Instant removedAt) {
}
