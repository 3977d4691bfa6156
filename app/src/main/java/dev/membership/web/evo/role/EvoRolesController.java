package dev.membership.web.evo.role;

import dev.membership.api.role.FindRolesQuery;
import dev.membership.api.role.Permission;
import dev.membership.api.role.RoleCatalogue;
import dev.membership.api.shared.Actor;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.evo.EvoModels.RoleWithPermissions;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Evo instance roles: E7, the whole catalogue with permissions, not paginated. */
@RestController
class EvoRolesController {

    private final QueryGateway queries;
    private final OrganizationAccess access;

    EvoRolesController(QueryGateway queries, OrganizationAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /** E7: every role of the organization, with its permissions; not paginated. */
    @Operation(operationId = "list_instance_user_roles")
    @GetMapping("/workspace/orgs/{org_id}/members/roles")
    ListInstanceRolesResponse list(@PathVariable("org_id") UUID orgId, Actor actor) {
        access.require(orgId, actor, Permission.MEMBERS_READ);
        RoleCatalogue catalogue = queries.query(new FindRolesQuery(orgId), RoleCatalogue.class).join();
        return new ListInstanceRolesResponse(catalogue.roles().stream()
                .map(role -> new RoleWithPermissions(role.id(), role.name(), role.description(), role.permissions()))
                .toList());
    }

    record ListInstanceRolesResponse(List<RoleWithPermissions> roles) {
    }
}
