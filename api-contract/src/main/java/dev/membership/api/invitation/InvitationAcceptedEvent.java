package dev.membership.api.invitation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An invitation was accepted: the pending membership (same id) is now an accepted one, with its roles. */
@Revision("1")
public record InvitationAcceptedEvent(
        UUID organizationId,
        UUID invitationId,
        UUID userId,
        String email,
        String fullName,
        List<UUID> roleIds,
        Instant acceptedAt) {
}
