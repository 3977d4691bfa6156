package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds memberships to a group; those already in it are left as they are. */
public record AddGroupMembersCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId,
        List<UUID> memberIds, Actor actor) {

    public AddGroupMembersCommand {
        memberIds = List.copyOf(memberIds);
    }
}
