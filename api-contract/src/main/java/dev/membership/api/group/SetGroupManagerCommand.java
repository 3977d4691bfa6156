package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a membership the group's manager (and a member), or clears the manager with {@code null}. */
public record SetGroupManagerCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId,
        UUID managerMembershipId, Actor actor) {
}
