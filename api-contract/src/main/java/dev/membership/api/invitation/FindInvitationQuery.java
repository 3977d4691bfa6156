package dev.membership.api.invitation;

import java.util.UUID;

/** One pending invitation by id, in any organization, answered with an optional {@link InvitationView}. */
public record FindInvitationQuery(UUID invitationId) {
}
