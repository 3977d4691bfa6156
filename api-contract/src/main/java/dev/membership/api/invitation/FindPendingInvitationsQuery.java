package dev.membership.api.invitation;

import java.util.Set;
import java.util.UUID;

/**
 * The pending invitations of an organization among the given ids, answered with a list of {@link InvitationView} in no
 * particular order; an id is left out once its invitation was accepted, revoked or has expired, or if it names none.
 */
public record FindPendingInvitationsQuery(UUID organizationId, Set<UUID> invitationIds) {

    public FindPendingInvitationsQuery {
        invitationIds = Set.copyOf(invitationIds);
    }
}
