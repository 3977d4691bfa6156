package dev.membership.api.invitation;

import java.util.UUID;

/** A page of an organization's pending invitations in creation order, answered with an {@link InvitationPage}. */
public record FindInvitationsQuery(UUID organizationId, int offset, int limit) {
}
