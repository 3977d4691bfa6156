package dev.membership.api.invitation;

import dev.membership.api.role.RoleDefinition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A pending invitation, roles most privileged first. */
public record InvitationView(UUID organizationId, UUID invitationId, UUID userId, String email, String invitedByEmail, String status,
        Instant invitedAt, Instant expiresAt, List<RoleDefinition> roles) {
}
