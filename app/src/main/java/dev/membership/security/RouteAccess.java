package dev.membership.security;

import dev.membership.api.shared.Identifiers;
import dev.membership.web.error.Dialect;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The access a route asks of its caller before anything of it runs: a caller who is not a member of the organization
 * in the path meets 404 whatever it sent, and platform routes refuse everyone but platform admins. Checked before a
 * routed request's body is read ({@link AccessFirstInterceptor}) and before an answer given without routing, a write
 * replayed for its idempotency key (so a caller removed since meets 404 as any stranger does). The organization is
 * read from the path as the routes place it; a path where no well-formed id stands is left to its route, which
 * refuses the id. Permissions inside the organization are still checked by each controller.
 */
@Component
public class RouteAccess {

    private final OrganizationAccess access;

    RouteAccess(OrganizationAccess access) {
        this.access = access;
    }

    /** Throws the refusal the route's caller meets first. */
    public void require(HttpServletRequest request) {
        String path = Dialect.path(request);
        if (isPlatformRoute(request.getMethod(), path)) {
            access.requirePlatformAdmin(Callers.current());
            return;
        }
        organizationIn(path).ifPresent(organization -> access.requireMember(organization, Callers.current()));
    }

    /** Routes for platform admins only: read-model rebuilds, directory provisioning, creating an organization. */
    static boolean isPlatformRoute(String method, String path) {
        return path.startsWith("/v1/admin/") || path.startsWith("/v1/directory/")
                || ("POST".equals(method) && "/v1/organizations".equals(path));
    }

    /** The organization in a route's path: Evo's {@code org_id}, DocSpace's portal, Cloudflare's account, or the native one. */
    static Optional<UUID> organizationIn(String path) {
        String[] segments = path.split("/");
        String id = null;
        if (path.startsWith("/workspace/orgs/") && segments.length > 3) {
            id = segments[3];
        } else if (path.startsWith("/docspace/") && segments.length > 2) {
            id = segments[2];
        } else if (path.startsWith("/client/v4/accounts/") && segments.length > 4) {
            id = segments[4];
        } else if (path.startsWith("/v1/organizations/") && segments.length > 3) {
            id = segments[3];
        }
        return id == null ? Optional.empty() : Identifiers.parse(id);
    }
}
