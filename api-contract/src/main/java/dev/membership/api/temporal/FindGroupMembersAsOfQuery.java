package dev.membership.api.temporal;

import java.time.Instant;
import java.util.UUID;

/** A group's members as they were at an instant; an empty optional when the group never existed there. */
public record FindGroupMembersAsOfQuery(UUID organizationId, UUID groupId, Instant asOf) {
}
