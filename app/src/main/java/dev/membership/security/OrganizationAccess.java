package dev.membership.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.membership.api.membership.CallerAccess;
import dev.membership.api.membership.FindCallerAccessQuery;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import java.util.Set;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Authorization inside an organization. A caller who is not a member sees the organization as missing (404,
 * never a hint that it exists); a member without the permission is refused (403). Platform admins may do
 * everything in every existing organization.
 */
@Component
public class OrganizationAccess {

    /** Organizations never cease to exist, so a platform admin's check needs no read once one is known to. */
    static final int KNOWN_ORGANIZATIONS = 100_000;

    private final QueryGateway queries;
    private final Cache<UUID, Boolean> known = Caffeine.newBuilder().maximumSize(KNOWN_ORGANIZATIONS).build();

    OrganizationAccess(QueryGateway queries) {
        this.queries = queries;
    }

    public CallerAccess require(UUID organizationId, Actor actor, String permission) {
        CallerAccess access = requireMember(organizationId, actor);
        if (!actor.platformAdmin() && !access.permissions().contains(permission)) {
            throw new MembershipException(ErrorCode.FORBIDDEN,
                    "Your roles in this organization do not grant '" + permission + "'.");
        }
        return access;
    }

    /**
     * Refuses a caller who is not a member (nor a platform admin) as if the organization did not exist. The answer
     * is kept for the rest of the request, so the permission check that follows costs nothing more. A platform admin
     * needs only the organization to exist, which, once read, stays true: organizations are never deleted.
     */
    public CallerAccess requireMember(UUID organizationId, Actor actor) {
        if (actor.platformAdmin() && known.getIfPresent(organizationId) != null) {
            return new CallerAccess(true, null, Set.of());
        }
        String key = OrganizationAccess.class.getName() + ":" + organizationId;
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        CallerAccess access = request == null ? null : (CallerAccess) request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
        if (access == null) {
            access = queries.query(new FindCallerAccessQuery(organizationId, actor.email()), CallerAccess.class).join();
            if (access.organizationExists()) {
                known.put(organizationId, Boolean.TRUE);
            }
            if (request != null) {
                request.setAttribute(key, access, RequestAttributes.SCOPE_REQUEST);
            }
        }
        if (!access.organizationExists() || !(access.isMember() || actor.platformAdmin())) {
            throw new MembershipException(ErrorCode.ORGANIZATION_NOT_FOUND);
        }
        return access;
    }

    public void requirePlatformAdmin(Actor actor) {
        if (!actor.platformAdmin()) {
            throw new MembershipException(ErrorCode.FORBIDDEN, "Only a platform admin may do this.");
        }
    }
}
