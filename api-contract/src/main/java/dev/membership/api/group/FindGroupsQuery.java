package dev.membership.api.group;

import java.util.UUID;

/** Every group of an organization with its members, answered with a {@link GroupList}. */
public record FindGroupsQuery(UUID organizationId) {
}
