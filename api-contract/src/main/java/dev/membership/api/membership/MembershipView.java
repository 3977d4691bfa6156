package dev.membership.api.membership;

import dev.membership.api.role.RoleDefinition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A membership, pending or accepted, as the account-member dialects show it.
 *
 * @param since when the membership began: joining for members, invitation for pending ones
 */
public record MembershipView(UUID membershipId, UUID userId, String email, String fullName, String status,
        List<RoleDefinition> roles, Instant since) {

    public boolean isAccepted() {
        return "accepted".equals(status);
    }
}
