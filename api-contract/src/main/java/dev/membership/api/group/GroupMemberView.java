package dev.membership.api.group;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member of a group: a membership of the organization, {@code pending} or {@code accepted}.
 *
 * @param roleKeys the keys of the membership's roles ({@code owner}, {@code admin}, ...)
 * @param since    when the membership began: joining for members, invitation for pending ones
 * @param addedAt  when the membership was added to the group
 */
public record GroupMemberView(UUID membershipId, UUID userId, String email, String fullName, String status,
        List<String> roleKeys, Instant since, Instant addedAt) {

    public boolean isAccepted() {
        return "accepted".equals(status);
    }
}
