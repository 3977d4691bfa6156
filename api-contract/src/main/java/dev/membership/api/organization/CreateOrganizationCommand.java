package dev.membership.api.organization;

import dev.membership.api.shared.Actor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates an organization whose owner becomes an accepted member with the Owner role. */
public record CreateOrganizationCommand(
        @TargetAggregateIdentifier UUID organizationId,
        String name,
        String ownerEmail,
        String ownerName,
        Actor actor) {
}
