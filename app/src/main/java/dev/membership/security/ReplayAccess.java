package dev.membership.security;

import dev.membership.api.shared.Identifiers;
import dev.membership.web.error.Dialect;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The access a route asks of its caller before anything of it runs, for answers given before the request is routed:
 * a write replayed for its idempotency key. A caller removed from the organization since meets 404 as any stranger
 * does, and a platform route wants a platform admin still. The organization is read from the path as the routes
 * place it; a path where no well-formed id stands is left to its route (its stored answer came from there).
 */
@Component
public class ReplayAccess {

    private final OrganizationAccess access;

    ReplayAccess(OrganizationAccess access) {
        this.access = access;
    }

    /** Throws the refusal the route's own check would give. */
    public void require(HttpServletRequest request) {
        String path = Dialect.path(request);
        if (AccessFirstInterceptor.isPlatformRoute(request.getMethod(), path)) {
            access.requirePlatformAdmin(Callers.current());
            return;
        }
        organizationIn(path).ifPresent(organization -> access.requireMember(organization, Callers.current()));
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
