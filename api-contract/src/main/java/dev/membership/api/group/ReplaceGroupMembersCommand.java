package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a group's whole member set; an empty list clears it. */
public record ReplaceGroupMembersCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId,
        List<UUID> memberIds, Actor actor) {

    public ReplaceGroupMembersCommand {
        memberIds = List.copyOf(memberIds);
    }
}
