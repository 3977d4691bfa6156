package dev.membership.query.membership;

import dev.membership.api.invitation.FindPendingInvitationsQuery;
import dev.membership.api.invitation.FindInvitationsQuery;
import dev.membership.api.invitation.InvitationAcceptedEvent;
import dev.membership.api.invitation.InvitationExpiredEvent;
import dev.membership.api.invitation.InvitationRevokedEvent;
import dev.membership.api.invitation.InvitationView;
import dev.membership.api.membership.UserRemovedEvent;
import dev.membership.api.membership.UserRolesUpdatedEvent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.membership.api.invitation.FindInvitationOrganizationQuery;
import dev.membership.api.invitation.InvitationPage;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.CallerAccess;
import dev.membership.api.membership.FindCallerAccessQuery;
import dev.membership.api.membership.FindMembersQuery;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.api.membership.MemberPage;
import dev.membership.api.membership.FindMembershipQuery;
import dev.membership.api.membership.FindMembershipsQuery;
import dev.membership.api.membership.MembershipPage;
import dev.membership.api.membership.MembershipView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Read model of memberships, pending and accepted ({@code read.member_v1}): it serves the member lists, the
 * invitation lists and the caller's access checks.
 */
@Component
@ProcessingGroup("members")
class MemberProjection {

    private final MemberRepository members;

    MemberProjection(MemberRepository members) {
        this.members = members;
    }

    @EventHandler
    void on(MemberAddedEvent event, @SequenceNumber long sequence) {
        members.upsertAccepted(event, sequence);
    }

    @EventHandler
    void on(UserInvitedEvent event, @SequenceNumber long sequence) {
        members.upsertPending(event, sequence);
        members.route(event.invitationId(), event.organizationId());
    }

    @EventHandler
    void on(InvitationAcceptedEvent event, @SequenceNumber long sequence) {
        members.accept(event, sequence);
    }

    @EventHandler
    void on(UserRolesUpdatedEvent event, @SequenceNumber long sequence) {
        members.updateRoles(event.organizationId(), event.membershipId(), event.roleIds(), sequence);
    }

    @EventHandler
    void on(UserRemovedEvent event) {
        members.delete(event.organizationId(), event.membershipId());
    }

    @EventHandler
    void on(InvitationRevokedEvent event) {
        members.delete(event.organizationId(), event.invitationId());
    }

    @EventHandler
    void on(InvitationExpiredEvent event) {
        members.delete(event.organizationId(), event.invitationId());
    }

    @QueryHandler
    Optional<UUID> handle(FindInvitationOrganizationQuery query) {
        return members.routeOf(query.invitationId());
    }

    @QueryHandler
    List<InvitationView> handle(FindPendingInvitationsQuery query) {
        return members.pending(query.organizationId(), query.invitationIds());
    }

    @QueryHandler
    MemberPage handle(FindMembersQuery query) {
        return members.acceptedPage(query.organizationId(), query.offset(), query.limit());
    }

    @QueryHandler
    InvitationPage handle(FindInvitationsQuery query) {
        return members.pendingPage(query.organizationId(), query.offset(), query.limit());
    }

    @QueryHandler
    MembershipPage handle(FindMembershipsQuery query) {
        return members.memberships(query);
    }

    @QueryHandler
    Optional<MembershipView> handle(FindMembershipQuery query) {
        return members.membership(query.organizationId(), query.membershipId());
    }

    @QueryHandler
    CallerAccess handle(FindCallerAccessQuery query) {
        return members.access(query.organizationId(), query.email());
    }

    @ResetHandler
    void reset() {
        members.deleteAll();
    }
}
