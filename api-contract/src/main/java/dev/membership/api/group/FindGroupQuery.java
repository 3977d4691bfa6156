package dev.membership.api.group;

import java.util.UUID;

/** One group of an organization, answered with an optional {@link GroupView}. */
public record FindGroupQuery(UUID organizationId, UUID groupId) {
}
