package dev.membership.api.group;

import java.util.UUID;

/**
 * A page of an organization's groups without their members, answered with a {@link GroupPage}.
 *
 * @param nameEquals   only the group with exactly this name, or {@code null}
 * @param nameContains only groups whose name contains this text, case-insensitively, or {@code null}
 * @param memberId     only groups this membership is in (or manages, with {@code managedOnly}), or {@code null}
 */
public record FindGroupPageQuery(UUID organizationId, String nameEquals, String nameContains, UUID memberId,
        boolean managedOnly, GroupSort sort, boolean descending, int offset, int limit) {
}
