package dev.membership.infra.audit;

import dev.membership.api.shared.Actor;
import dev.membership.api.shared.AuditMetadata;
import dev.membership.security.Callers;
import dev.membership.web.error.Dialect;
import dev.membership.web.format.HeaderText;
import dev.membership.web.validation.PlainTexts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Stamps every command sent while serving a request with the audit metadata of that request: actor, correlation
 * id, dialect, route, user agent and reason. Events copy it from their command. Commands sent inside a unit of
 * work that already carries it (policies) keep what they inherit.
 */
@Component
public class AuditMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    private static final int MAX_USER_AGENT = 300;

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(AuditMetadata.ACTOR_SUBJECT)) {
                return command;
            }
            return command.andMetaData(metadata());
        };
    }

    static Map<String, Object> metadata() {
        Map<String, Object> metadata = new HashMap<>();
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            metadata.put(AuditMetadata.ACTOR_SUBJECT, AuditMetadata.SYSTEM);
            return metadata;
        }
        HttpServletRequest request = attributes.getRequest();
        Actor actor = currentActor();
        metadata.put(AuditMetadata.ACTOR_SUBJECT, actor == null ? AuditMetadata.SYSTEM : actor.subject());
        if (actor != null && actor.email() != null) {
            metadata.put(AuditMetadata.ACTOR_EMAIL, actor.email());
        }
        putIfPresent(metadata, AuditMetadata.CORRELATION_ID, RequestAuditFilter.correlationId(request));
        metadata.put(AuditMetadata.DIALECT, Dialect.of(request).name().toLowerCase(Locale.ROOT));
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        metadata.put(AuditMetadata.ROUTE, request.getMethod() + " " + (pattern != null ? pattern : request.getRequestURI()));
        putIfPresent(metadata, AuditMetadata.USER_AGENT, userAgent(request));
        putIfPresent(metadata, AuditMetadata.REASON, HeaderText.asWritten(request.getHeader(RequestAuditFilter.REASON_HEADER)));
        return metadata;
    }

    /**
     * The client's User-Agent as written, without the characters plain text refuses (a client may send anything
     * here, and nothing refuses a request for it), cut to {@link #MAX_USER_AGENT} characters without splitting one.
     */
    static String userAgent(HttpServletRequest request) {
        String userAgent = PlainTexts.strip(HeaderText.asWritten(request.getHeader("User-Agent")));
        if (userAgent == null || userAgent.codePointCount(0, userAgent.length()) <= MAX_USER_AGENT) {
            return userAgent;
        }
        return userAgent.substring(0, userAgent.offsetByCodePoints(0, MAX_USER_AGENT));
    }

    private static Actor currentActor() {
        try {
            return Callers.current();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<String, Object> metadata, String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, value);
        }
    }
}
