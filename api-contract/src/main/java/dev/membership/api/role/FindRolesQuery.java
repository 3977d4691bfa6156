package dev.membership.api.role;

import java.util.UUID;

/** The role catalogue of one organization, answered with a {@link RoleCatalogue}. */
public record FindRolesQuery(UUID organizationId) {
}
