package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes memberships out of a group; those not in it are ignored. */
public record RemoveGroupMembersCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId,
        List<UUID> memberIds, Actor actor) {

    public RemoveGroupMembersCommand {
        memberIds = List.copyOf(memberIds);
    }
}
