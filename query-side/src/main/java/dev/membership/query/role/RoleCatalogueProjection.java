package dev.membership.query.role;

import dev.membership.api.organization.OrganizationCreatedEvent;
import dev.membership.api.role.FindRolesQuery;
import dev.membership.api.role.RoleCatalogue;
import dev.membership.api.role.RoleDefinition;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Read model of every organization's role catalogue. */
@Component
@ProcessingGroup("roles")
class RoleCatalogueProjection {

    private final RoleRepository roles;

    RoleCatalogueProjection(RoleRepository roles) {
        this.roles = roles;
    }

    @EventHandler
    void on(OrganizationCreatedEvent event) {
        for (RoleDefinition role : event.roles()) {
            roles.upsert(event.organizationId(), role);
        }
    }

    @QueryHandler
    RoleCatalogue handle(FindRolesQuery query) {
        return roles.catalogue(query.organizationId());
    }

    @ResetHandler
    void reset() {
        roles.deleteAll();
    }
}
