package dev.membership.web.v1.group;

import dev.membership.api.group.CreateGroupCommand;
import dev.membership.api.group.FindGroupQuery;
import dev.membership.api.group.GroupView;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.OrganizationAccess;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
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

/** Native groups: create one, read one. */
@RestController
@RequestMapping("/v1/organizations/{orgId}/groups")
class GroupController {

    static final int MAX_NAME_LENGTH = 128;
    static final int MAX_DESCRIPTION_LENGTH = 1000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    GroupController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** Creates a group in the organization; 201 with the group and a {@code Location}. */
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createOrganizationGroup")
    @PostMapping
    ResponseEntity<GroupView> create(@PathVariable UUID orgId, @Valid @RequestBody CreateGroupRequest request, Actor actor) {
        access.require(orgId, actor, Permission.GROUPS_WRITE);
        UUID groupId = UUID.randomUUID();
        commands.sendAndWait(new CreateGroupCommand(groupId, orgId, request.name().strip(),
                request.description() == null ? "" : request.description().strip(), actor));
        return ResponseEntity.created(URI.create("/v1/organizations/" + orgId + "/groups/" + groupId)).body(read(orgId, groupId));
    }

    /** One group, with its directory links and its members. */
    @Operation(operationId = "getOrganizationGroup")
    @GetMapping("/{groupId}")
    GroupView get(@PathVariable UUID orgId, @PathVariable UUID groupId, Actor actor) {
        access.require(orgId, actor, Permission.GROUPS_READ);
        return read(orgId, groupId);
    }

    private GroupView read(UUID orgId, UUID groupId) {
        return queries.query(new FindGroupQuery(orgId, groupId), ResponseTypes.optionalInstanceOf(GroupView.class)).join()
                .orElseThrow(() -> new MembershipException(ErrorCode.GROUP_NOT_FOUND));
    }

    record CreateGroupRequest(
            @NotBlank @PlainText @Size(max = MAX_NAME_LENGTH) String name,
            @PlainText(multiline = true) @Size(max = MAX_DESCRIPTION_LENGTH) String description) {
    }
}
