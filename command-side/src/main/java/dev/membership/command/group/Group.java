package dev.membership.command.group;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.membership.api.group.CreateGroupCommand;
import dev.membership.api.group.GroupCreatedEvent;
import dev.membership.api.group.GroupDirectoryLinksReplacedEvent;
import dev.membership.api.group.GroupMemberRemovedEvent;
import dev.membership.api.group.GroupMembersReplacedEvent;
import dev.membership.api.group.RemoveGroupMemberCommand;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.command.invitation.InvitationPolicy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A group of one organization: its members (memberships of that organization, pending or accepted) and its
 * links to directory groups. Members reached through links are remembered, so they leave when the links no
 * longer reach them, while members added directly stay.
 */
@Aggregate(cache = "groupCache")
class Group {

    @AggregateIdentifier
    private UUID groupId;
    private UUID organizationId;
    private List<String> directoryGroupIds;
    private Set<UUID> members;
    private Set<UUID> linkedMembers;

    @CommandHandler
    Group(CreateGroupCommand command, InvitationPolicy policy) {
        apply(new GroupCreatedEvent(command.groupId(), command.organizationId(), command.name(), command.description(),
                policy.now()));
    }

    @CommandHandler
    void handle(RemoveGroupMemberCommand command) {
        requireOrganization(command.organizationId());
        if (members.contains(command.membershipId())) {
            apply(new GroupMemberRemovedEvent(groupId, organizationId, command.membershipId(), command.reason()));
        }
    }

    /** Replaces the directory links; {@code reachable} are the memberships of the people the links reach. */
    void linkDirectoryGroups(List<String> newDirectoryGroupIds, List<UUID> reachable) {
        List<UUID> added = reachable.stream().filter(id -> !members.contains(id)).distinct().toList();
        List<UUID> removed = linkedMembers.stream().filter(id -> !reachable.contains(id) && members.contains(id)).toList();
        apply(new GroupDirectoryLinksReplacedEvent(groupId, organizationId, newDirectoryGroupIds, reachable));
        if (!added.isEmpty() || !removed.isEmpty()) {
            apply(new GroupMembersReplacedEvent(groupId, organizationId, added, removed));
        }
    }

    void requireOrganization(UUID expected) {
        if (!organizationId.equals(expected)) {
            throw new MembershipException(ErrorCode.GROUP_NOT_FOUND);
        }
    }

    @EventSourcingHandler
    void on(GroupCreatedEvent event) {
        groupId = event.groupId();
        organizationId = event.organizationId();
        directoryGroupIds = List.of();
        members = new LinkedHashSet<>();
        linkedMembers = new LinkedHashSet<>();
    }

    @EventSourcingHandler
    void on(GroupDirectoryLinksReplacedEvent event) {
        directoryGroupIds = List.copyOf(event.directoryGroupIds());
        linkedMembers = new LinkedHashSet<>(event.linkedMembershipIds());
    }

    @EventSourcingHandler
    void on(GroupMembersReplacedEvent event) {
        members.addAll(event.addedMembershipIds());
        event.removedMembershipIds().forEach(members::remove);
        event.removedMembershipIds().forEach(linkedMembers::remove);
    }

    @EventSourcingHandler
    void on(GroupMemberRemovedEvent event) {
        members.remove(event.membershipId());
        linkedMembers.remove(event.membershipId());
    }

    Group() {
        // required by Axon
    }
}
