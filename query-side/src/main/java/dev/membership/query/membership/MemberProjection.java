package dev.membership.query.membership;

import dev.membership.api.invitation.FindInvitationsQuery;
import dev.membership.api.invitation.InvitationPage;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.api.membership.CallerAccess;
import dev.membership.api.membership.FindCallerAccessQuery;
import dev.membership.api.membership.FindMembersQuery;
import dev.membership.api.membership.MemberAddedEvent;
import dev.membership.api.membership.MemberPage;
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
    CallerAccess handle(FindCallerAccessQuery query) {
        return members.access(query.organizationId(), query.email());
    }

    @ResetHandler
    void reset() {
        members.deleteAll();
    }
}
