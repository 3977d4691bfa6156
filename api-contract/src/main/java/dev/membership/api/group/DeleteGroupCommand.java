package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a group; its memberships are untouched. */
public record DeleteGroupCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId, Actor actor) {
}
