package dev.membership.api.temporal;

import java.time.Instant;
import java.util.UUID;

/** An organization's memberships, pending and accepted, with their roles, as they were at an instant. */
public record FindMembersAsOfQuery(UUID organizationId, Instant asOf) {
}
