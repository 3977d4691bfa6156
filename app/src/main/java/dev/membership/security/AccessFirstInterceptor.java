package dev.membership.security;

import dev.membership.api.shared.Actor;
import dev.membership.api.shared.Identifiers;
import dev.membership.web.error.Dialect;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks who may reach a route before its request body is read: a caller who is not a member of the organization
 * in the path meets 404 whatever it sent, and platform routes refuse everyone but platform admins. Permissions
 * inside the organization are still checked by each controller.
 */
class AccessFirstInterceptor implements HandlerInterceptor {

    private static final List<String> ORGANIZATION_VARIABLES = List.of("org_id", "account_id", "orgId");

    private final OrganizationAccess access;

    AccessFirstInterceptor(OrganizationAccess access) {
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (isPlatformRoute(request.getMethod(), Dialect.path(request))) {
            access.requirePlatformAdmin(Callers.current());
            return true;
        }
        UUID organization = organization(request);
        if (organization != null) {
            Actor actor = Callers.current();
            access.requireMember(organization, actor);
        }
        return true;
    }

    /** Routes for platform admins only: read-model rebuilds, directory provisioning, creating an organization. */
    static boolean isPlatformRoute(String method, String path) {
        return path.startsWith("/v1/admin/") || path.startsWith("/v1/directory/")
                || ("POST".equals(method) && "/v1/organizations".equals(path));
    }

    /** The organization in the path, when the route has one and it is well formed (else the controller answers). */
    @SuppressWarnings("unchecked")
    private static UUID organization(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(variables instanceof Map<?, ?> map)) {
            return null;
        }
        for (String name : ORGANIZATION_VARIABLES) {
            Object value = ((Map<String, String>) map).get(name);
            if (value != null) {
                return Identifiers.parse(value.toString()).orElse(null);
            }
        }
        return null;
    }
}
