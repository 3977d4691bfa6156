package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a group in an organization. */
public record CreateGroupCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId, String name,
        String description, Actor actor) {
}
