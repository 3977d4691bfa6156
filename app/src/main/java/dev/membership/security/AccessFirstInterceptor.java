package dev.membership.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/** Checks who may reach a route ({@link RouteAccess}) before its request body is read. */
class AccessFirstInterceptor implements HandlerInterceptor {

    private final RouteAccess access;

    AccessFirstInterceptor(RouteAccess access) {
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        access.require(request);
        return true;
    }
}
