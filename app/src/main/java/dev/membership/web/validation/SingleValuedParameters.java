package dev.membership.web.validation;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A query parameter that takes one value is refused when it is given more than once (422, or 400 in DocSpace's and
 * Cloudflare's dialects, naming it), before the route runs. Spring would take the first of two times, or join two
 * texts with a comma, so {@code asOf=...&asOf=...} answered as of the first, and {@code actor=a&actor=b} looked for an
 * actor named "a,b".
 */
class SingleValuedParameters implements HandlerInterceptor {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    /** Each route's parameters that take one value, found once per route rather than on every request. */
    private final Map<Method, List<String>> singleValued = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        List<InvalidParam> repeated = new ArrayList<>();
        for (String name : singleValued.computeIfAbsent(method.getMethod(), key -> singleValued(method))) {
            String[] values = request.getParameterValues(name);
            if (values != null && values.length > 1) {
                repeated.add(new InvalidParam(name, "Given " + values.length + " times; it takes one value"));
            }
        }
        if (!repeated.isEmpty()) {
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "A parameter that takes one value was given more than once.",
                    repeated);
        }
        return true;
    }

    private static List<String> singleValued(HandlerMethod method) {
        String[] discovered = NAMES.getParameterNames(method.getMethod());
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param == null || takesSeveral(parameter.getParameterType())) {
                continue;
            }
            String name = !param.name().isEmpty() ? param.name()
                    : discovered == null ? null : discovered[parameter.getParameterIndex()];
            if (name != null) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private static boolean takesSeveral(Class<?> type) {
        return type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
    }
}
