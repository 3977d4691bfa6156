package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes a group in one step, all or nothing: name and description ({@code null} keeps them), the manager
 * (when {@code changeManager}; a {@code null} manager clears it), then members to add and to remove.
 */
public record UpdateGroupCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId, String name,
        String description, boolean changeManager, UUID managerMembershipId, List<UUID> membersToAdd,
        List<UUID> membersToRemove, Actor actor) {

    public UpdateGroupCommand {
        membersToAdd = membersToAdd == null ? List.of() : List.copyOf(membersToAdd);
        membersToRemove = membersToRemove == null ? List.of() : List.copyOf(membersToRemove);
    }

    public UpdateGroupCommand(UUID groupId, UUID organizationId, String name, String description, Actor actor) {
        this(groupId, organizationId, name, description, false, null, List.of(), List.of(), actor);
    }
}
