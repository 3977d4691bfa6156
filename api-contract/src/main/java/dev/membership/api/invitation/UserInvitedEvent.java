package dev.membership.api.invitation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A person not yet known was invited: a pending membership whose id is the invitation id, with the roles it
 * will carry once accepted.
 */
@Revision("1")
public record UserInvitedEvent(
        UUID organizationId,
        UUID invitationId,
        UUID userId,
        String email,
        List<UUID> roleIds,
        String invitedByEmail,
        Instant invitedAt,
        Instant expiresAt) {
}
