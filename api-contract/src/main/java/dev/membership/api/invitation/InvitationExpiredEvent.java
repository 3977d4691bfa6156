package dev.membership.api.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A pending invitation reached its expiry without being accepted; it can no longer be accepted. */
@Revision("1")
public record InvitationExpiredEvent(UUID organizationId, UUID invitationId, UUID userId, String email, Instant expiredAt) {
}
