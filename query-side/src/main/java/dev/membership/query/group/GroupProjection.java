package dev.membership.query.group;

import dev.membership.api.group.FindGroupMembersQuery;
import dev.membership.api.group.FindGroupPageQuery;
import dev.membership.api.group.FindGroupQuery;
import dev.membership.api.group.FindGroupsQuery;
import dev.membership.api.group.GroupCreatedEvent;
import dev.membership.api.group.GroupDeletedEvent;
import dev.membership.api.group.GroupDirectoryLinksReplacedEvent;
import dev.membership.api.group.FindMemberGroupsQuery;
import dev.membership.api.group.GroupList;
import dev.membership.api.group.MemberGroups;
import dev.membership.api.group.GroupManagerSetEvent;
import dev.membership.api.group.GroupMemberPage;
import dev.membership.api.group.GroupMemberRemovedEvent;
import dev.membership.api.group.GroupMembersReplacedEvent;
import dev.membership.api.group.GroupPage;
import dev.membership.api.group.GroupUpdatedEvent;
import dev.membership.api.group.GroupView;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.query.OneSnapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Read model of groups and their members ({@code read.group_v1}, {@code read.group_member_v1}). */
@Component
@ProcessingGroup("groups")
class GroupProjection {

    private static final String INTRODUCED = GroupProjection.class.getName() + ".introduced";

    private final GroupRepository groups;
    private final OneSnapshot snapshot;

    GroupProjection(GroupRepository groups, OneSnapshot snapshot) {
        this.groups = groups;
        this.snapshot = snapshot;
    }

    @EventHandler
    void on(GroupCreatedEvent event, @SequenceNumber long sequence) {
        groups.create(event, sequence);
    }

    @EventHandler
    void on(GroupUpdatedEvent event, @SequenceNumber long sequence) {
        groups.update(event.groupId(), event.name(), event.description(), event.updatedAt(), sequence);
    }

    @EventHandler
    void on(GroupManagerSetEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        groups.setManager(event.groupId(), event.managerMembershipId(), at, sequence);
    }

    @EventHandler
    void on(GroupDirectoryLinksReplacedEvent event, @SequenceNumber long sequence) {
        groups.replaceLinks(event.groupId(), event.directoryGroupIds(), sequence);
    }

    @EventHandler
    void on(GroupMembersReplacedEvent event, @Timestamp Instant at) {
        groups.addMembers(event.groupId(), event.organizationId(), event.addedMembershipIds(), at, introduced());
        groups.removeMembers(event.groupId(), event.removedMembershipIds(), at);
    }

    /**
     * A membership the events being handled bring: a group may take it in the same transaction (a directory link
     * invites the people it names and adds them), before the member list, another read model, has handled the
     * invitation, so its email is kept here for the group's rows.
     */
    @EventHandler
    void on(UserInvitedEvent event) {
        introduced().put(event.invitationId(), event.email());
    }

    @EventHandler
    void on(MemberAddedEvent event) {
        introduced().put(event.membershipId(), event.email());
    }

    /** The emails of the memberships the events handled in this unit of work brought, by membership id. */
    private static Map<UUID, String> introduced() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        return CurrentUnitOfWork.get().getOrComputeResource(INTRODUCED, key -> new HashMap<>());
    }

    @EventHandler
    void on(GroupMemberRemovedEvent event, @Timestamp Instant at) {
        groups.removeMembers(event.groupId(), List.of(event.membershipId()), at);
    }

    @EventHandler
    void on(GroupDeletedEvent event) {
        groups.delete(event.groupId());
    }

    @QueryHandler
    GroupList handle(FindGroupsQuery query) {
        return new GroupList(snapshot.read(() -> groups.all(query.organizationId())));
    }

    @QueryHandler
    Optional<GroupView> handle(FindGroupQuery query) {
        return query.withMembers() ? snapshot.read(() -> groups.one(query.organizationId(), query.groupId(), true))
                : groups.one(query.organizationId(), query.groupId(), false);
    }

    @QueryHandler
    GroupPage handle(FindGroupPageQuery query) {
        return groups.page(query);
    }

    @QueryHandler
    GroupMemberPage handle(FindGroupMembersQuery query) {
        return groups.members(query);
    }

    @QueryHandler
    MemberGroups handle(FindMemberGroupsQuery query) {
        return groups.groupsOf(query.organizationId(), query.membershipIds());
    }

    @ResetHandler
    void reset() {
        groups.deleteAll();
    }
}
