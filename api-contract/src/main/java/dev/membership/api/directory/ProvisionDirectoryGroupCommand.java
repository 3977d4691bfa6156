package dev.membership.api.directory;

import dev.membership.api.shared.Actor;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates or replaces a mirrored external directory (IMS) group. */
public record ProvisionDirectoryGroupCommand(String directoryGroupId, String name, boolean federated,
        List<DirectoryPerson> members, Actor actor) {

    public ProvisionDirectoryGroupCommand {
        members = List.copyOf(members);
    }

    /** Directory group ids are the directory's own strings; the prefix keeps them apart from other aggregates. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return DirectoryGroups.aggregateId(directoryGroupId);
    }
}
