package dev.membership.web.evo.membership;

import static dev.membership.web.evo.EvoPaging.DEFAULT_LIMIT;
import static dev.membership.web.evo.EvoPaging.MAX_LIMIT;

import dev.membership.api.membership.FindMembersQuery;
import dev.membership.api.membership.InviteUsersCommand;
import dev.membership.api.membership.InviteUsersResult;
import dev.membership.api.membership.Invitee;
import dev.membership.api.membership.MemberPage;
import dev.membership.api.membership.RemoveUserCommand;
import dev.membership.api.membership.UpdateUserRolesCommand;
import dev.membership.api.role.FindRolesQuery;
import dev.membership.api.role.Permission;
import dev.membership.api.role.RoleCatalogue;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.Emails;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.evo.EvoModels.InvitationWithRoles;
import dev.membership.web.evo.EvoModels.Page;
import dev.membership.web.evo.EvoModels.Role;
import dev.membership.web.evo.EvoModels.UserWithRoles;
import dev.membership.web.evo.EvoModels;
import dev.membership.web.evo.EvoPaging;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import dev.membership.web.validation.PlainText;
import dev.membership.web.validation.StorableEmail;
import org.hibernate.validator.constraints.UniqueElements;

/** Evo instance users: E1 list, E2 add, E3 update roles, E4 remove, each also on its deprecated twin. */
@RestController
@RequestMapping("/workspace/orgs/{org_id}")
class EvoMembersController {

    static final int MAX_USERS_PER_REQUEST = 100;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    EvoMembersController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** E1 and E1d: accepted members in joining order, each with only their most privileged role. */
    @Operation(operationId = "list_instance_users")
    @GetMapping({"/members/users", "/members"})
    Page<UserWithRoles> list(@PathVariable("org_id") UUID orgId,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            Actor actor) {
        access.require(orgId, actor, Permission.MEMBERS_READ);
        MemberPage page = queries.query(new FindMembersQuery(orgId, offset, limit), MemberPage.class).join();
        List<UserWithRoles> results = page.items().stream()
                .map(member -> new UserWithRoles(member.userId(), member.email(), EvoModels.fullName(member.fullName(), member.email()),
                        member.roles().stream().limit(1).map(Role::of).toList()))
                .toList();
        return new Page<>(EvoPaging.links("/workspace/orgs/" + orgId + "/members/users", offset, limit, results.size(),
                page.hasMore()), results);
    }

    /** E2 and E2d: known people become members at once, others get an invitation; all or nothing. */
    @Operation(operationId = "add_instance_users")
    @PostMapping({"/members/users", "/members"})
    @ResponseStatus(HttpStatus.CREATED)
    AddInstanceUsersResponse add(@PathVariable("org_id") UUID orgId, @Valid @RequestBody AddInstanceUsersRequest request,
            Actor actor) {
        access.require(orgId, actor, Permission.MEMBERS_WRITE);
        List<Invitee> invitees = request.users().stream()
                .map(user -> new Invitee(Emails.normalize(user.email()), user.roles().stream().distinct().toList()))
                .toList();
        InviteUsersResult result = commands.sendAndWait(new InviteUsersCommand(orgId, invitees, actor));
        RoleCatalogue catalogue = queries.query(new FindRolesQuery(orgId), RoleCatalogue.class).join();
        return new AddInstanceUsersResponse(
                result.invitations().stream()
                        .map(invited -> new InvitationWithRoles(invited.invitationId(), invited.email(),
                                invited.invitedByEmail(), "Pending", EvoModels.timestamp(invited.invitedAt()),
                                EvoModels.timestamp(invited.expiresAt()), Role.of(catalogue.resolve(invited.roleIds()))))
                        .toList(),
                result.members().stream()
                        .map(added -> new UserWithRoles(added.userId(), added.email(), EvoModels.fullName(added.fullName(), added.email()),
                                Role.of(catalogue.resolve(added.roleIds()))))
                        .toList());
    }

    /** E3 and E3d: replaces the user's roles; unknown body fields, such as the SDK's {@code user_id}, are ignored. */
    @Operation(operationId = "update_instance_user_roles")
    @PatchMapping({"/members/users/{user_id}", "/members/{user_id}"})
    UpdateInstanceUserRolesResponse updateRoles(@PathVariable("org_id") UUID orgId, @PathVariable("user_id") UUID userId,
            @Valid @RequestBody UpdateInstanceUserRolesRequest request, Actor actor) {
        access.require(orgId, actor, Permission.MEMBERS_WRITE);
        List<UUID> roleIds = commands.sendAndWait(new UpdateUserRolesCommand(orgId, userId, request.roles(), actor));
        RoleCatalogue catalogue = queries.query(new FindRolesQuery(orgId), RoleCatalogue.class).join();
        return new UpdateInstanceUserRolesResponse(userId, Role.of(catalogue.resolve(roleIds)));
    }

    /** E4 and E4d: removes the user from the organization; by policy they also leave every group. */
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "remove_instance_user")
    @DeleteMapping({"/members/users/{user_id}", "/members/{user_id}"})
    ResponseEntity<Void> remove(@PathVariable("org_id") UUID orgId, @PathVariable("user_id") UUID userId, Actor actor) {
        access.require(orgId, actor, Permission.MEMBERS_WRITE);
        commands.sendAndWait(new RemoveUserCommand(orgId, userId, actor));
        return ResponseEntity.noContent().build();
    }

    record UpdateInstanceUserRolesRequest(@NotNull @Size(min = 1, max = 10) @UniqueElements List<@NotNull UUID> roles) {
    }

    record UpdateInstanceUserRolesResponse(UUID id, List<Role> roles) {
    }

    record AddInstanceUsersRequest(
            @NotNull @Size(min = 1, max = MAX_USERS_PER_REQUEST) List<@Valid @NotNull UserRoleMapping> users) {
    }

    record UserRoleMapping(
            @NotBlank @Email @PlainText @StorableEmail String email,
            @NotNull @Size(min = 1, max = 10) @UniqueElements List<@NotNull UUID> roles) {
    }

    record AddInstanceUsersResponse(List<InvitationWithRoles> invitations, List<UserWithRoles> members) {
    }
}
