package dev.membership.query.group;

import dev.membership.api.group.FindGroupQuery;
import dev.membership.api.group.FindGroupsQuery;
import dev.membership.api.group.GroupCreatedEvent;
import dev.membership.api.group.GroupDirectoryLinksReplacedEvent;
import dev.membership.api.group.GroupList;
import dev.membership.api.group.GroupMemberRemovedEvent;
import dev.membership.api.group.GroupMembersReplacedEvent;
import dev.membership.api.group.GroupView;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Read model of groups and their members ({@code read.group_v1}, {@code read.group_member_v1}). */
@Component
@ProcessingGroup("groups")
class GroupProjection {

    private final GroupRepository groups;

    GroupProjection(GroupRepository groups) {
        this.groups = groups;
    }

    @EventHandler
    void on(GroupCreatedEvent event, @SequenceNumber long sequence) {
        groups.create(event, sequence);
    }

    @EventHandler
    void on(GroupDirectoryLinksReplacedEvent event, @SequenceNumber long sequence) {
        groups.replaceLinks(event.groupId(), event.directoryGroupIds(), sequence);
    }

    @EventHandler
    void on(GroupMembersReplacedEvent event) {
        groups.addMembers(event.groupId(), event.organizationId(), event.addedMembershipIds());
        groups.removeMembers(event.groupId(), event.removedMembershipIds());
    }

    @EventHandler
    void on(GroupMemberRemovedEvent event) {
        groups.removeMembers(event.groupId(), java.util.List.of(event.membershipId()));
    }

    @QueryHandler
    GroupList handle(FindGroupsQuery query) {
        return new GroupList(groups.all(query.organizationId()));
    }

    @QueryHandler
    Optional<GroupView> handle(FindGroupQuery query) {
        return groups.one(query.organizationId(), query.groupId());
    }

    @ResetHandler
    void reset() {
        groups.deleteAll();
    }
}
