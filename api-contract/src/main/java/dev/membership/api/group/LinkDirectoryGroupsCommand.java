package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Links a group to directory groups (replacing the links): their people become members of the group, and
 * those not yet in the organization are invited. Answered with a {@link DirectoryLinkResult}.
 */
public record LinkDirectoryGroupsCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId,
        List<String> directoryGroupIds, Actor actor) {

    public LinkDirectoryGroupsCommand {
        directoryGroupIds = List.copyOf(directoryGroupIds);
    }
}
