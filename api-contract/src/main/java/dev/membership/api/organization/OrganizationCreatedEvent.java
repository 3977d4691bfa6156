package dev.membership.api.organization;

import dev.membership.api.role.RoleDefinition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An organization came into being with its role catalogue. */
@Revision("1")
public record OrganizationCreatedEvent(UUID organizationId, String name, List<RoleDefinition> roles, Instant createdAt) {
}
