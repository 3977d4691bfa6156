package dev.membership.web.v1.organization;

import dev.membership.api.organization.CreateOrganizationCommand;
import dev.membership.api.organization.FindOrganizationQuery;
import dev.membership.api.organization.OrganizationView;
import dev.membership.api.role.FindRolesQuery;
import dev.membership.api.role.Permission;
import dev.membership.api.role.RoleCatalogue;
import dev.membership.api.role.RoleDefinition;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.Emails;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.Identifiers;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.OrganizationAccess;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import dev.membership.web.validation.PlainText;
import dev.membership.web.validation.PlainTexts;
import dev.membership.web.validation.StorableEmail;

/** Native organizations: platform admins create them; members read them. */
@RestController
@RequestMapping("/v1/organizations")
class OrganizationController {

    static final int MAX_NAME_LENGTH = 200;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    OrganizationController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** Creates an organization with its owner and its roles; 201 with the organization and a {@code Location}. */
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createOrganization")
    @PostMapping
    ResponseEntity<OrganizationResponse> create(@Valid @RequestBody CreateOrganizationRequest request, Actor actor) {
        access.requirePlatformAdmin(actor);
        if (Identifiers.NIL.equals(request.id())) {
            // DocSpace reads the nil id as "none" (Guid.Empty); a portal at it could not be told from no portal
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "The id must not be the nil UUID.",
                    List.of(new InvalidParam("id", "Must not be the nil UUID")));
        }
        UUID id = request.id() != null ? request.id() : UUID.randomUUID();
        commands.sendAndWait(new CreateOrganizationCommand(id, request.name().strip(), Emails.normalize(request.ownerEmail()),
                PlainTexts.optionalName(request.ownerName()), actor));
        return ResponseEntity.created(URI.create("/v1/organizations/" + id)).body(read(id));
    }

    /** One organization: its member and invitation counts and its roles. */
    @Operation(operationId = "getOrganization")
    @GetMapping("/{orgId}")
    OrganizationResponse get(@PathVariable UUID orgId, Actor actor) {
        access.require(orgId, actor, Permission.ORGANIZATION_READ);
        return read(orgId);
    }

    private OrganizationResponse read(UUID id) {
        Optional<OrganizationView> view = queries.query(new FindOrganizationQuery(id),
                ResponseTypes.optionalInstanceOf(OrganizationView.class)).join();
        OrganizationView organization = view.orElseThrow(() -> new MembershipException(ErrorCode.ORGANIZATION_NOT_FOUND));
        RoleCatalogue roles = queries.query(new FindRolesQuery(id), RoleCatalogue.class).join();
        return new OrganizationResponse(organization.id(), organization.name(), organization.createdAt(),
                organization.memberCount(), organization.invitationCount(), roles.roles());
    }

    record CreateOrganizationRequest(
            UUID id,
            @NotBlank @PlainText @Size(max = MAX_NAME_LENGTH) String name,
            @NotBlank @Email @PlainText @StorableEmail String ownerEmail,
            @PlainText @Size(max = MAX_NAME_LENGTH) String ownerName) {
    }

    record OrganizationResponse(UUID id, String name, Instant createdAt, long memberCount, long invitationCount,
            List<RoleDefinition> roles) {
    }
}
