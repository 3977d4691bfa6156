package dev.membership.api.membership;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A known person became an accepted member of an organization with the given roles. */
@Revision("1")
public record MemberAddedEvent(
        UUID organizationId,
        UUID membershipId,
        UUID userId,
        String email,
        String fullName,
        List<UUID> roleIds,
        Instant joinedAt) {
}
