package dev.membership.api.membership;

import dev.membership.api.shared.Actor;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the role set of an accepted member, identified by user id. */
public record UpdateUserRolesCommand(@TargetAggregateIdentifier UUID organizationId, UUID userId, List<UUID> roleIds,
        Actor actor) {

    public UpdateUserRolesCommand {
        roleIds = List.copyOf(roleIds);
    }
}
