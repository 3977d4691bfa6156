package dev.membership.api.membership;

import java.util.UUID;

/**
 * A page of an organization's memberships, pending and accepted, answered with a {@link MembershipPage}.
 *
 * @param status {@code pending}, {@code accepted}, or {@code null} for both
 */
public record FindMembershipsQuery(UUID organizationId, String status, MembershipSort sort, boolean descending,
        int offset, int limit) {
}
