package dev.membership.query.temporal;

import dev.membership.api.group.GroupCreatedEvent;
import dev.membership.api.group.GroupDeletedEvent;
import dev.membership.api.group.GroupMemberRemovedEvent;
import dev.membership.api.group.GroupMembersReplacedEvent;
import dev.membership.api.invitation.InvitationAcceptedEvent;
import dev.membership.api.invitation.InvitationExpiredEvent;
import dev.membership.api.invitation.InvitationRevokedEvent;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.api.membership.UserRemovedEvent;
import dev.membership.api.membership.UserRolesUpdatedEvent;
import dev.membership.api.temporal.FindGroupMembersAsOfQuery;
import dev.membership.api.temporal.FindMembersAsOfQuery;
import dev.membership.api.temporal.MembersAsOf;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Opens and closes validity ranges at each event's time: a membership's status periods, the periods each role
 * was held, and group memberships. Replay-safe: opening is an insert that ignores duplicates, closing only
 * touches open ranges.
 */
@Component
@ProcessingGroup("membership-history")
class TemporalProjection {

    private final TemporalRepository periods;

    TemporalProjection(TemporalRepository periods) {
        this.periods = periods;
    }

    @EventHandler
    void on(MemberAddedEvent event, @Timestamp Instant at) {
        periods.openMembership(event.organizationId(), event.membershipId(), event.userId(), event.email(), "accepted", at,
                null);
        periods.openRoles(event.organizationId(), event.membershipId(), event.roleIds(), at);
    }

    @EventHandler
    void on(UserInvitedEvent event, @Timestamp Instant at) {
        periods.openMembership(event.organizationId(), event.invitationId(), event.userId(), event.email(), "pending", at,
                event.expiresAt());
        periods.openRoles(event.organizationId(), event.invitationId(), event.roleIds(), at);
    }

    @EventHandler
    void on(InvitationAcceptedEvent event, @Timestamp Instant at) {
        periods.closeMembership(event.invitationId(), at);
        periods.openMembership(event.organizationId(), event.invitationId(), event.userId(), event.email(), "accepted", at,
                null);
    }

    @EventHandler
    void on(UserRolesUpdatedEvent event, @Timestamp Instant at) {
        periods.closeRoles(event.membershipId(), event.previousRoleIds().stream().filter(id -> !event.roleIds().contains(id)).toList(), at);
        periods.openRoles(event.organizationId(), event.membershipId(),
                event.roleIds().stream().filter(id -> !event.previousRoleIds().contains(id)).toList(), at);
    }

    @EventHandler
    void on(UserRemovedEvent event, @Timestamp Instant at) {
        periods.end(event.membershipId(), at);
    }

    @EventHandler
    void on(InvitationRevokedEvent event, @Timestamp Instant at) {
        periods.end(event.invitationId(), at);
    }

    @EventHandler
    void on(InvitationExpiredEvent event, @Timestamp Instant at) {
        periods.end(event.invitationId(), at);
    }

    @EventHandler
    void on(GroupCreatedEvent event, @Timestamp Instant at) {
        periods.openGroup(event.groupId(), event.organizationId(), at);
    }

    @EventHandler
    void on(GroupMembersReplacedEvent event, @Timestamp Instant at) {
        periods.closeGroupMembers(event.groupId(), event.removedMembershipIds(), at);
        periods.openGroupMembers(event.groupId(), event.organizationId(), event.addedMembershipIds(), at);
    }

    @EventHandler
    void on(GroupMemberRemovedEvent event, @Timestamp Instant at) {
        periods.closeGroupMembers(event.groupId(), List.of(event.membershipId()), at);
    }

    @EventHandler
    void on(GroupDeletedEvent event, @Timestamp Instant at) {
        periods.closeGroup(event.groupId(), at);
    }

    @QueryHandler
    MembersAsOf handle(FindMembersAsOfQuery query) {
        return new MembersAsOf(query.asOf(), periods.membersAsOf(query.organizationId(), query.asOf()));
    }

    @QueryHandler
    Optional<MembersAsOf> handle(FindGroupMembersAsOfQuery query) {
        if (!periods.groupExisted(query.organizationId(), query.groupId(), query.asOf())) {
            return Optional.empty();
        }
        return Optional.of(new MembersAsOf(query.asOf(),
                periods.groupMembersAsOf(query.organizationId(), query.groupId(), query.asOf())));
    }

    @ResetHandler
    void reset() {
        periods.deleteAll();
    }

}
