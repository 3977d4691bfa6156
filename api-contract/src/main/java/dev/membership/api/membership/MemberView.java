package dev.membership.api.membership;

import dev.membership.api.role.RoleDefinition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An accepted member, roles most privileged first. */
public record MemberView(UUID membershipId, UUID userId, String email, String fullName, List<RoleDefinition> roles,
        Instant joinedAt) {
}
