package dev.membership.api.membership;

import java.util.Set;
import java.util.UUID;

/**
 * A caller's standing in an organization.
 *
 * @param organizationExists whether the organization exists at all
 * @param membershipId       the caller's accepted membership, or {@code null} when not a member
 * @param permissions        the union of the permissions of the caller's roles
 */
public record CallerAccess(boolean organizationExists, UUID membershipId, Set<String> permissions) {

    public CallerAccess {
        permissions = Set.copyOf(permissions);
    }

    public boolean isMember() {
        return membershipId != null;
    }
}
