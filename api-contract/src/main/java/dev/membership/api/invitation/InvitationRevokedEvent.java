package dev.membership.api.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A pending invitation was withdrawn; it can no longer be accepted. */
@Revision("1")
public record InvitationRevokedEvent(UUID organizationId, UUID invitationId, UUID userId, String email, Instant revokedAt) {
}
