package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a group in an organization, optionally with a manager and first members (memberships of that
 * organization). The manager is also a member.
 */
public record CreateGroupCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId, String name,
        String description, UUID managerMembershipId, List<UUID> memberIds, Actor actor) {

    public CreateGroupCommand {
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
    }

    public CreateGroupCommand(UUID groupId, UUID organizationId, String name, String description, Actor actor) {
        this(groupId, organizationId, name, description, null, List.of(), actor);
    }
}
