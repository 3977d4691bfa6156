package dev.membership.web.v1.invitation;

import dev.membership.api.invitation.AcceptInvitationCommand;
import dev.membership.api.invitation.FindInvitationOrganizationQuery;
import dev.membership.api.membership.CallerAccess;
import dev.membership.api.membership.FindCallerAccessQuery;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Native invitations: the invited person accepts. */
@RestController
class InvitationController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    InvitationController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** Accepts an invitation for the caller, whose token's email must be the invited address. */
    @Operation(operationId = "acceptInvitation")
    @PostMapping("/v1/invitations/{invitationId}/accept")
    AcceptedMembership accept(@PathVariable UUID invitationId, Actor actor) {
        if (actor.email() == null) {
            throw new MembershipException(ErrorCode.INVITATION_EMAIL_MISMATCH, "The token carries no email to match.");
        }
        UUID organizationId = queries.query(new FindInvitationOrganizationQuery(invitationId),
                        ResponseTypes.optionalInstanceOf(UUID.class)).join()
                .orElseThrow(() -> new MembershipException(ErrorCode.INVITATION_NOT_FOUND));
        commands.sendAndWait(new AcceptInvitationCommand(organizationId, invitationId, actor));
        CallerAccess access = queries.query(new FindCallerAccessQuery(organizationId, actor.email()), CallerAccess.class).join();
        return new AcceptedMembership(organizationId, invitationId, actor.email(), "accepted", access.permissions());
    }

    record AcceptedMembership(UUID organizationId, UUID membershipId, String email, String status, Set<String> permissions) {
    }
}
