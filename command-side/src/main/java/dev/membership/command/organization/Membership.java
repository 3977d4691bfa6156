package dev.membership.command.organization;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The decision-relevant state of one membership inside the {@link Organization} aggregate.
 *
 * @param invitedBy who sent a pending invitation, as its event names them (an email, or a token's subject); {@code null}
 *                  once accepted
 */
record Membership(UUID membershipId, UUID userId, String email, Status status, List<UUID> roleIds, Instant expiresAt,
        String invitedBy) {

    enum Status { PENDING, ACCEPTED }

    Membership {
        roleIds = List.copyOf(roleIds);
    }

    boolean isAccepted() {
        return status == Status.ACCEPTED;
    }

    boolean has(UUID roleId) {
        return roleIds.contains(roleId);
    }

    Membership accepted(List<UUID> acceptedRoleIds) {
        return new Membership(membershipId, userId, email, Status.ACCEPTED, acceptedRoleIds, null, null);
    }

    Membership withRoles(List<UUID> newRoleIds) {
        return new Membership(membershipId, userId, email, status, newRoleIds, expiresAt, invitedBy);
    }
}
