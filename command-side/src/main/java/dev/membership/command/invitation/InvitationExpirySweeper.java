package dev.membership.command.invitation;

import dev.membership.api.invitation.ExpireInvitationCommand;
import dev.membership.command.membership.MembershipLookup;
import dev.membership.command.membership.MembershipLookup.DueInvitation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends the invitations whose time is up: every {@code membership.invitations.expiry-sweep} it reads the pending
 * invitations that are due from the command-side look-up (oldest first, a page at a time) and sends each an
 * {@link ExpireInvitationCommand}, all at once so they commit together. An invitation accepted or revoked meanwhile
 * is left as it is by its organization, so a sweep that overlaps another, on this node or another, changes nothing
 * twice.
 */
@Component
class InvitationExpirySweeper {

    static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(InvitationExpirySweeper.class);

    private final MembershipLookup memberships;
    private final CommandGateway commands;
    private final InvitationPolicy policy;

    InvitationExpirySweeper(MembershipLookup memberships, CommandGateway commands, InvitationPolicy policy) {
        this.memberships = memberships;
        this.commands = commands;
        this.policy = policy;
    }

    /** Expires one page of the invitations that are due; returns how many were found due. */
    int sweep() {
        List<DueInvitation> due = memberships.dueInvitations(policy.now(), PAGE);
        CompletableFuture<?>[] sent = due.stream()
                .map(invitation -> commands.send(new ExpireInvitationCommand(invitation.organizationId(),
                        invitation.invitationId())).exceptionally(failure -> {
                            // still pending, so the next sweep sends it again
                            log.warn("Expiring invitation {} failed: {}", invitation.invitationId(), failure.toString());
                            return null;
                        }))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sent).join();
        return due.size();
    }

    @Scheduled(initialDelayString = "${membership.invitations.expiry-sweep:PT5S}",
            fixedDelayString = "${membership.invitations.expiry-sweep:PT5S}")
    void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // the database may be away; the next sweep tries again
            log.debug("Invitation expiry sweep failed: {}", e.toString());
        }
    }
}
