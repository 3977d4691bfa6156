package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes memberships out of a group; those not in it are ignored, unless {@code onlyMembers} asks that each be in it
 * (a removal of one named member: of two at once, the second finds it gone and is refused).
 */
public record RemoveGroupMembersCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId,
        List<UUID> memberIds, boolean onlyMembers, Actor actor) {

    public RemoveGroupMembersCommand {
        memberIds = List.copyOf(memberIds);
    }

    /** Those not in the group are ignored. */
    public RemoveGroupMembersCommand(UUID groupId, UUID organizationId, List<UUID> memberIds, Actor actor) {
        this(groupId, organizationId, memberIds, false, actor);
    }
}
