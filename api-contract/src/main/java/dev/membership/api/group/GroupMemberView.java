package dev.membership.api.group;

import java.util.UUID;

/** A member of a group: a membership of the organization, {@code pending} or {@code accepted}. */
public record GroupMemberView(UUID membershipId, UUID userId, String email, String fullName, String status) {

    public boolean isAccepted() {
        return "accepted".equals(status);
    }
}
