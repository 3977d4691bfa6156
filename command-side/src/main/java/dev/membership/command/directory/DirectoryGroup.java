package dev.membership.command.directory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.membership.api.directory.DirectoryGroupProvisionedEvent;
import dev.membership.api.directory.DirectoryGroups;
import dev.membership.api.directory.DirectoryPerson;
import dev.membership.api.directory.ProvisionDirectoryGroupCommand;
import dev.membership.command.invitation.InvitationPolicy;
import java.util.LinkedHashSet;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A mirrored external directory (IMS) group: created or replaced whole by each provisioning.
 *
 * <p>Loaded from its own events only (all aggregates share one table; {@code CommandSideConfiguration}): another
 * aggregate's id is not found.
 */
// the revision of its snapshots' shape, as for Organization (SnapshotShapesTest)
@Revision("1")
@Aggregate(snapshotTriggerDefinition = "directoryGroupSnapshotTrigger")
class DirectoryGroup {

    @AggregateIdentifier
    private String aggregateId;
    /** In the order provisioned; a snapshot keeps that order (a linked set, so Jackson restores one). */
    private LinkedHashSet<String> emails = new LinkedHashSet<>();

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    /** Answers whether this provisioning created the group (else it replaced it). */
    boolean handle(ProvisionDirectoryGroupCommand command, InvitationPolicy policy) {
        boolean created = aggregateId == null;
        // provisioned again as it is, it is recorded again: its linked groups are brought up to date on each
        // provisioning (whoever's invitation ended is invited again), which is worth an audit entry
        List<String> newEmails = command.members().stream().map(DirectoryPerson::email).distinct().toList();
        List<String> joined = newEmails.stream().filter(email -> !emails.contains(email)).toList();
        List<String> left = emails.stream().filter(email -> !newEmails.contains(email)).toList();
        apply(new DirectoryGroupProvisionedEvent(command.directoryGroupId(), command.name(), command.federated(),
                command.members(), joined, left, policy.now()));
        return created;
    }

    @EventSourcingHandler
    void on(DirectoryGroupProvisionedEvent event) {
        aggregateId = DirectoryGroups.aggregateId(event.directoryGroupId());
        emails = new LinkedHashSet<>(event.members().stream().map(DirectoryPerson::email).toList());
    }

    DirectoryGroup() {
        // required by Axon
    }
}
