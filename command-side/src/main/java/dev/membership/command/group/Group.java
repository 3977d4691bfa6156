package dev.membership.command.group;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.membership.api.group.AddGroupMembersCommand;
import dev.membership.api.group.CreateGroupCommand;
import dev.membership.api.group.DeleteGroupCommand;
import dev.membership.api.group.GroupCreatedEvent;
import dev.membership.api.group.GroupDeletedEvent;
import dev.membership.api.group.GroupDirectoryLinksReplacedEvent;
import dev.membership.api.group.GroupManagerSetEvent;
import dev.membership.api.group.GroupMemberRemovedEvent;
import dev.membership.api.group.GroupMembersReplacedEvent;
import dev.membership.api.group.GroupUpdatedEvent;
import dev.membership.api.group.RemoveGroupMemberCommand;
import dev.membership.api.group.RemoveGroupMembersCommand;
import dev.membership.api.group.ReplaceGroupMembersCommand;
import dev.membership.api.group.SetGroupManagerCommand;
import dev.membership.api.group.UpdateGroupCommand;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.command.config.CachedAggregates;
import dev.membership.command.invitation.InvitationPolicy;
import dev.membership.command.membership.MembershipLookup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A group of one organization: its name, manager and members (memberships of that organization, pending or
 * accepted), and its links to directory groups. Members reached through links are remembered, so they leave
 * when the links no longer reach them, while members added directly stay.
 *
 * <p>Loaded from its own events only (all aggregates share one table; {@code CommandSideConfiguration}): another
 * aggregate's id is not found.
 */
// the revision of its snapshots' shape, as for Organization (SnapshotShapesTest)
@Revision("1")
@Aggregate(snapshotTriggerDefinition = "groupSnapshotTrigger", cache = "groupCache")
class Group {

    @AggregateIdentifier
    private UUID groupId;
    private UUID organizationId;
    private String name;
    private String description;
    private UUID manager;
    private boolean deleted;
    private List<String> directoryGroupIds;
    /** In the order they joined; a snapshot keeps that order (a linked set, so Jackson restores one). */
    private LinkedHashSet<UUID> members;
    private LinkedHashSet<UUID> linkedMembers;

    /** A cached group another node has changed since does not answer: the command runs again on the stored one. */
    @CommandHandlerInterceptor
    Object onlyIfCurrent(InterceptorChain chain, CachedAggregates cached) throws Exception {
        return cached.handleCurrent(groupId, chain);
    }

    @CommandHandler
    Group(CreateGroupCommand command, MembershipLookup memberships, InvitationPolicy policy) {
        List<UUID> initial = Stream.concat(Stream.ofNullable(command.managerMembershipId()), command.memberIds().stream())
                .distinct().toList();
        requireMemberships(memberships, command.organizationId(),
                named(command.managerMembershipId(), "members", command.memberIds()), initial);
        apply(new GroupCreatedEvent(command.groupId(), command.organizationId(), command.name(), command.description(),
                policy.now()));
        if (!initial.isEmpty()) {
            apply(new GroupMembersReplacedEvent(command.groupId(), command.organizationId(), initial, List.of()));
        }
        if (command.managerMembershipId() != null) {
            apply(new GroupManagerSetEvent(command.groupId(), command.organizationId(), command.managerMembershipId(), null));
        }
    }

    @CommandHandler
    void handle(UpdateGroupCommand command, MembershipLookup memberships, InvitationPolicy policy) {
        requireOrganization(command.organizationId());
        List<UUID> toAdd = Stream.concat(
                        command.changeManager() ? Stream.ofNullable(command.managerMembershipId()) : Stream.empty(),
                        command.membersToAdd().stream())
                .distinct().toList();
        List<UUID> toRemove = command.membersToRemove().stream().distinct().toList();
        requireMemberships(memberships, organizationId, named(
                command.changeManager() ? command.managerMembershipId() : null, "membersToAdd", command.membersToAdd(),
                "membersToRemove", command.membersToRemove()), joining(toAdd));

        String newName = command.name() != null ? command.name() : name;
        String newDescription = command.description() != null ? command.description() : description;
        if (!newName.equals(name) || !newDescription.equals(description)) {
            apply(new GroupUpdatedEvent(groupId, organizationId, newName, newDescription, policy.now()));
        }
        Set<UUID> removing = new HashSet<>(toRemove);
        if (command.changeManager() && !Objects.equals(command.managerMembershipId(), manager)) {
            // the manager is set (and made a member) before the members listed are added and removed, so a new manager
            // named and removed at once ends as neither, as one removed any other way would (a manager who stays
            // named and is removed leaves as any member does, and stops managing then)
            UUID newManager = removing.contains(command.managerMembershipId()) ? null : command.managerMembershipId();
            if (!Objects.equals(newManager, manager)) {
                apply(new GroupManagerSetEvent(groupId, organizationId, newManager, manager));
            }
        }
        List<UUID> added = toAdd.stream().filter(id -> !members.contains(id) && !removing.contains(id)).toList();
        List<UUID> removed = toRemove.stream().filter(members::contains).toList();
        change(added, removed);
    }

    @CommandHandler
    void handle(SetGroupManagerCommand command, MembershipLookup memberships) {
        requireOrganization(command.organizationId());
        UUID newManager = command.managerMembershipId();
        if (newManager != null) {
            requireMemberships(memberships, organizationId, named(newManager, "members", List.of()), joining(List.of(newManager)));
            if (!members.contains(newManager)) {
                apply(new GroupMembersReplacedEvent(groupId, organizationId, List.of(newManager), List.of()));
            }
        }
        if (!Objects.equals(newManager, manager)) {
            apply(new GroupManagerSetEvent(groupId, organizationId, newManager, manager));
        }
    }

    @CommandHandler
    void handle(ReplaceGroupMembersCommand command, MembershipLookup memberships) {
        requireOrganization(command.organizationId());
        List<UUID> wanted = command.memberIds().stream().distinct().toList();
        requireMemberships(memberships, organizationId, named(null, "members", command.memberIds()), joining(wanted));
        // membership tests against sets: a group of 10,000 compared with a list of 10,000 would take 10^8 steps
        Set<UUID> keeping = new HashSet<>(wanted);
        List<UUID> added = wanted.stream().filter(id -> !members.contains(id)).toList();
        List<UUID> removed = members.stream().filter(id -> !keeping.contains(id)).toList();
        change(added, removed);
    }

    @CommandHandler
    void handle(AddGroupMembersCommand command, MembershipLookup memberships) {
        requireOrganization(command.organizationId());
        List<UUID> wanted = command.memberIds().stream().distinct().toList();
        requireMemberships(memberships, organizationId, named(null, "members", command.memberIds()), joining(wanted));
        change(wanted.stream().filter(id -> !members.contains(id)).toList(), List.of());
    }

    @CommandHandler
    void handle(RemoveGroupMembersCommand command, MembershipLookup memberships) {
        requireOrganization(command.organizationId());
        List<UUID> unwanted = command.memberIds().stream().distinct().toList();
        requireMemberships(memberships, organizationId, named(null, "members", command.memberIds()), List.of());
        if (command.onlyMembers() && !members.containsAll(unwanted)) {
            throw new MembershipException(ErrorCode.USER_NOT_FOUND, "The member is not in this user group.");
        }
        change(List.of(), unwanted.stream().filter(members::contains).toList());
    }

    @CommandHandler
    void handle(RemoveGroupMemberCommand command) {
        requireOrganization(command.organizationId());
        if (members.contains(command.membershipId())) {
            apply(new GroupMemberRemovedEvent(groupId, organizationId, command.membershipId(), command.reason()));
            clearManagerIfGone();
        }
    }

    @CommandHandler
    void handle(DeleteGroupCommand command, InvitationPolicy policy) {
        requireOrganization(command.organizationId());
        apply(new GroupDeletedEvent(groupId, organizationId, policy.now(), List.copyOf(members)));
    }

    /**
     * Replaces the directory links; {@code reachable} are the memberships of the people the links reach. The same
     * links reaching the same people change nothing and write nothing.
     */
    void linkDirectoryGroups(List<String> newDirectoryGroupIds, List<UUID> reachable) {
        List<UUID> added = reachable.stream().filter(id -> !members.contains(id)).distinct().toList();
        Set<UUID> stillReached = new HashSet<>(reachable);
        List<UUID> removed = linkedMembers.stream().filter(id -> !stillReached.contains(id) && members.contains(id)).toList();
        if (added.isEmpty() && removed.isEmpty() && Objects.equals(directoryGroupIds, newDirectoryGroupIds)
                && linkedAfter(reachable).equals(linkedMembers)) {
            return;
        }
        apply(new GroupDirectoryLinksReplacedEvent(groupId, organizationId, newDirectoryGroupIds, reachable));
        change(added, removed);
    }

    /** The directory groups the group is linked to. */
    List<String> directoryGroupIds() {
        return directoryGroupIds;
    }

    /** Refuses a group of another organization, or one that was deleted, as missing. */
    void requireOrganization(UUID expected) {
        if (deleted || !organizationId.equals(expected)) {
            throw new MembershipException(ErrorCode.GROUP_NOT_FOUND);
        }
    }

    private void change(List<UUID> added, List<UUID> removed) {
        if (!added.isEmpty() || !removed.isEmpty()) {
            apply(new GroupMembersReplacedEvent(groupId, organizationId, added, removed));
            clearManagerIfGone();
        }
    }

    private void clearManagerIfGone() {
        if (manager != null && !members.contains(manager)) {
            apply(new GroupManagerSetEvent(groupId, organizationId, null, manager));
        }
    }

    /**
     * Every id named must be a membership of the organization. A refusal names each unknown id where the request
     * wrote it: {@code manager} for the manager, {@code members[2]} for the third id of a list called members.
     */
    private static void requireMemberships(MembershipLookup memberships, UUID organizationId, Map<String, List<UUID>> named,
            List<UUID> joining) {
        List<UUID> ids = named.values().stream().flatMap(List::stream).distinct().toList();
        Set<UUID> unknown = ids.isEmpty() ? Set.of() : new HashSet<>(memberships.notIn(organizationId, ids, joining));
        if (!unknown.isEmpty()) {
            List<InvalidParam> params = new ArrayList<>();
            named.forEach((field, list) -> {
                for (int i = 0; i < list.size(); i++) {
                    if (unknown.contains(list.get(i))) {
                        String where = field.equals("manager") ? field : field + "[" + i + "]";
                        params.add(new InvalidParam(where, "Not a member of this organization: " + list.get(i)));
                    }
                }
            });
            throw new MembershipException(ErrorCode.MEMBERSHIP_NOT_FOUND, ErrorCode.MEMBERSHIP_NOT_FOUND.defaultDetail(), params);
        }
    }

    /** Those of {@code ids} the group does not have yet: the memberships a command would have join it. */
    private List<UUID> joining(List<UUID> ids) {
        return members == null ? ids : ids.stream().filter(id -> id != null && !members.contains(id)).toList();
    }

    /** The manager (none when null) and a list of ids, by the names a refusal gives them. */
    private static Map<String, List<UUID>> named(UUID managerId, String listName, List<UUID> list) {
        Map<String, List<UUID>> named = new LinkedHashMap<>();
        named.put("manager", managerId == null ? List.of() : List.of(managerId));
        named.put(listName, list);
        return named;
    }

    private static Map<String, List<UUID>> named(UUID managerId, String firstName, List<UUID> first, String secondName,
            List<UUID> second) {
        Map<String, List<UUID>> named = named(managerId, firstName, first);
        named.put(secondName, second);
        return named;
    }

    @EventSourcingHandler
    void on(GroupCreatedEvent event) {
        groupId = event.groupId();
        organizationId = event.organizationId();
        name = event.name();
        description = event.description() == null ? "" : event.description();
        directoryGroupIds = List.of();
        members = new LinkedHashSet<>();
        linkedMembers = new LinkedHashSet<>();
    }

    @EventSourcingHandler
    void on(GroupUpdatedEvent event) {
        name = event.name();
        description = event.description();
    }

    @EventSourcingHandler
    void on(GroupManagerSetEvent event) {
        manager = event.managerMembershipId();
    }

    @EventSourcingHandler
    void on(GroupDirectoryLinksReplacedEvent event) {
        directoryGroupIds = List.copyOf(event.directoryGroupIds());
        linkedMembers = linkedAfter(event.linkedMembershipIds());
    }

    /**
     * The members the links hold once they reach {@code reachable}: those they held already and still reach, and
     * those who join through them now. Someone in the group by other means (added directly, before a link reached
     * them) stays in it by those means: a link that stops reaching them does not remove them.
     */
    private LinkedHashSet<UUID> linkedAfter(List<UUID> reachable) {
        LinkedHashSet<UUID> linked = new LinkedHashSet<>();
        for (UUID id : reachable) {
            if (linkedMembers.contains(id) || !members.contains(id)) {
                linked.add(id);
            }
        }
        return linked;
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

    @EventSourcingHandler
    void on(GroupDeletedEvent event) {
        deleted = true;
    }

    Group() {
        // required by Axon
    }
}
