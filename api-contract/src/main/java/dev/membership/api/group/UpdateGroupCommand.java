package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Renames a group or changes its description; a {@code null} field keeps its value. */
public record UpdateGroupCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId, String name,
        String description, Actor actor) {
}
