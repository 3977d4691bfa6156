package dev.membership.api.invitation;

import java.util.UUID;

/**
 * One pending invitation of an organization by id, answered with an optional {@link InvitationView}: empty once it
 * was accepted, revoked or has expired.
 */
public record FindInvitationQuery(UUID organizationId, UUID invitationId) {
}
