package dev.membership.api.membership;

import dev.membership.api.shared.Actor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes an accepted member from an organization; by policy they also leave every group. */
public record RemoveUserCommand(@TargetAggregateIdentifier UUID organizationId, UUID userId, Actor actor) {
}
