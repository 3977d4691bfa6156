package dev.membership.security;

import dev.membership.api.membership.CallerAccess;
import dev.membership.api.membership.FindCallerAccessQuery;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Authorization inside an organization. A caller who is not a member sees the organization as missing (404,
 * never a hint that it exists); a member without the permission is refused (403). Platform admins may do
 * everything in every existing organization.
 */
@Component
public class OrganizationAccess {

    private final QueryGateway queries;

    OrganizationAccess(QueryGateway queries) {
        this.queries = queries;
    }

    public CallerAccess require(UUID organizationId, Actor actor, String permission) {
        CallerAccess access = queries.query(new FindCallerAccessQuery(organizationId, actor.email()), CallerAccess.class).join();
        if (!access.organizationExists() || !(access.isMember() || actor.platformAdmin())) {
            throw new MembershipException(ErrorCode.ORGANIZATION_NOT_FOUND);
        }
        if (!actor.platformAdmin() && !access.permissions().contains(permission)) {
            throw new MembershipException(ErrorCode.FORBIDDEN,
                    "Your roles in this organization do not grant '" + permission + "'.");
        }
        return access;
    }

    public void requirePlatformAdmin(Actor actor) {
        if (!actor.platformAdmin()) {
            throw new MembershipException(ErrorCode.FORBIDDEN, "Only a platform admin may do this.");
        }
    }
}
