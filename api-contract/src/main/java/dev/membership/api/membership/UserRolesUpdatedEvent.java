package dev.membership.api.membership;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A member's role set was replaced; the previous set is kept for the audit trail. */
@Revision("1")
public record UserRolesUpdatedEvent(
        UUID organizationId,
        UUID membershipId,
        UUID userId,
        List<UUID> roleIds,
        List<UUID> previousRoleIds,
        Instant updatedAt) {
}
