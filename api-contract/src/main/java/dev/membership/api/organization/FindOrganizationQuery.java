package dev.membership.api.organization;

import java.util.UUID;

/** One organization, answered with an optional {@link OrganizationView}. */
public record FindOrganizationQuery(UUID organizationId) {
}
