package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes one membership out of a group; {@code reason} says why (for example {@code membership-ended}). */
public record RemoveGroupMemberCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId, UUID membershipId,
        String reason, Actor actor) {
}
