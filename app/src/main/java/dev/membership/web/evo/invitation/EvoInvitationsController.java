package dev.membership.web.evo.invitation;

import static dev.membership.web.evo.EvoPaging.DEFAULT_LIMIT;
import static dev.membership.web.evo.EvoPaging.MAX_LIMIT;

import dev.membership.api.invitation.FindInvitationsQuery;
import dev.membership.api.invitation.InvitationPage;
import dev.membership.api.invitation.RevokeInvitationCommand;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.evo.EvoModels.InvitationWithRoles;
import dev.membership.web.evo.EvoModels.Page;
import dev.membership.web.evo.EvoPaging;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Evo invitations: E5 list and E6 revoke. */
@RestController
@RequestMapping("/workspace/orgs/{org_id}/members/invitations")
class EvoInvitationsController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    EvoInvitationsController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** E5: pending invitations in creation order, with all their roles. */
    @Operation(operationId = "list_instance_user_invitations")
    @GetMapping
    Page<InvitationWithRoles> list(@PathVariable("org_id") UUID orgId,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            Actor actor) {
        access.require(orgId, actor, Permission.MEMBERS_READ);
        InvitationPage page = queries.query(new FindInvitationsQuery(orgId, offset, limit), InvitationPage.class).join();
        List<InvitationWithRoles> results = page.items().stream().map(InvitationWithRoles::of).toList();
        return new Page<>(EvoPaging.links("/workspace/orgs/" + orgId + "/members/invitations", offset, limit,
                results.size(), page.hasMore()), results);
    }

    /** E6: revokes a pending invitation; it can no longer be accepted. */
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "delete_instance_user_invitation")
    @DeleteMapping("/{invitation_id}")
    ResponseEntity<Void> revoke(@PathVariable("org_id") UUID orgId, @PathVariable("invitation_id") UUID invitationId,
            Actor actor) {
        access.require(orgId, actor, Permission.MEMBERS_WRITE);
        commands.sendAndWait(new RevokeInvitationCommand(orgId, invitationId, actor));
        return ResponseEntity.noContent().build();
    }
}
