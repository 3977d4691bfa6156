package dev.membership.security;

import dev.membership.api.shared.ErrorCode;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.ApiErrors;
import dev.membership.web.error.ErrorResponder;
import dev.membership.web.format.HeaderText;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every API call needs a bearer JWT; health, OpenAPI and Swagger UI are open. Authentication failures answer
 * 401 in the dialect of the path.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final JwtAuthenticationConverter TOKENS = new JwtAuthenticationConverter();

    @Bean
    SecurityFilterChain api(HttpSecurity http, ErrorResponder responder) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, exception) ->
                responder.write(ApiError.of(ErrorCode.UNAUTHENTICATED, unauthenticatedDetail(exception)), request, response);
        AccessDeniedHandler denied = (request, response, exception) ->
                responder.write(ApiError.of(ErrorCode.FORBIDDEN), request, response);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(DialectBearerTokenResolver.PUBLIC).permitAll()
                        .requestMatchers("/error").permitAll()
                        // any other management endpoint an operator exposes (metrics, env) is for platform admins
                        .requestMatchers("/actuator", "/actuator/**").hasAuthority("SCOPE_" + Callers.PLATFORM_ADMIN_SCOPE)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new DialectBearerTokenResolver())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::authenticated))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .build();
    }

    /**
     * Cross-origin checks and headers come first of all the filters that answer (after {@code CharsetNameFilter}, which
     * answers nothing), so that every answer a page of an allowed origin
     * gets carries them, also those given before the security chain (413 for a large body, 422 for an audit reason,
     * 400 from the firewall): a page can read why it was refused.
     */
    @Bean
    FilterRegistrationBean<CorsFilter> crossOriginRequests(ErrorResponder responder,
            @Value("${membership.http.cors.allowed-origins:}") List<String> corsOrigins) {
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(CrossOriginRequests.filter(
                corsOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList(), responder));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * A verified token names its caller by its subject, which every event and idempotency key records, and says when
     * it expires; a token without either is refused as unauthenticated.
     */
    static AbstractAuthenticationToken authenticated(Jwt jwt) {
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            throw new InvalidBearerTokenException("The token has no subject.");
        }
        if (jwt.getExpiresAt() == null) {
            // a token without an expiry would stay valid for as long as its key does
            throw new InvalidBearerTokenException("The token has no expiry (exp).");
        }
        if (!Callers.plainClaims(jwt)) {
            // refused here, before anything (an idempotency key, say) is recorded under that subject
            throw new InvalidBearerTokenException("The token's subject or email holds control or invisible formatting characters.");
        }
        return TOKENS.convert(jwt);
    }

    /**
     * Whichever decoder verifies the tokens (HS256 here, or Spring Boot's for an issuer or JWK set) is wrapped in a
     * {@link VerifiedTokenCache}, unless {@code membership.auth.token-cache-size} is 0.
     */
    @Bean
    static BeanPostProcessor verifiedTokenCache(Environment environment) {
        long size = environment.getProperty("membership.auth.token-cache-size", Long.class, 10_000L);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokenCache) && size > 0
                        ? new VerifiedTokenCache(decoder, size, Clock.systemUTC())
                        : bean;
            }
        };
    }

    /**
     * Spring Security's own observations (a timer around every filter, authentication and authorization) are off
     * unless {@code membership.security-observations} is true: they were a tenth of the CPU of a read (BENCHMARKS.md,
     * change 20). Requests are still observed as a whole ({@code http.server.requests}).
     */
    @Bean
    @ConditionalOnProperty(name = "membership.security-observations", havingValue = "false", matchIfMissing = true)
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall with its default rules, which answers without its regular expression when a header's
     * or a parameter's name or value is printable ASCII, as nearly all are. The expression walked every character of
     * the bearer token each time a filter read the Authorization header (three times per request): 7% of the request
     * threads' CPU in a profile of invites (BENCHMARKS.md, change 26). Anything else is still judged by the firewall's
     * own rules, with two more: no parameter value holds a control character (PostgreSQL refuses NUL in text, and a
     * search term has no use for the others), and a header value may be UTF-8 (an audit reason with an em dash), judged
     * by the same rule once read as UTF-8 rather than byte by byte.
     *
     * <p>The firewall judges a header when something reads it, which may be after a command has run (the
     * {@code Accept} header is read to write the answer); so every header is read here, before anything runs, and a
     * header that may come once and comes twice is refused.
     */
    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall strict = new StrictHttpFirewall();
        strict.setAllowedHeaderNames(printableAsciiOr(StrictHttpFirewall.ALLOWED_HEADER_NAMES));
        strict.setAllowedHeaderValues(printableAsciiOr(value -> StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value)
                || HeaderText.utf8(value).filter(StrictHttpFirewall.ALLOWED_HEADER_VALUES).isPresent()));
        strict.setAllowedParameterNames(printableAsciiOr(StrictHttpFirewall.ALLOWED_PARAMETER_NAMES));
        strict.setAllowedParameterValues(printableAsciiOr(SecurityConfiguration::hasNoControlCharacter));
        return new HttpFirewall() {
            @Override
            public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
                FirewalledRequest checked = strict.getFirewalledRequest(request);
                if (!wellEscaped(request.getQueryString())) {
                    // the server drops a parameter it cannot decode, so the request would be served without it
                    throw new RequestRejectedException("The query string has a % that does not begin an escape.");
                }
                for (String name : Collections.list(checked.getHeaderNames())) {
                    if (Collections.list(checked.getHeaders(name)).size() > 1 && SINGLE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                        throw new RequestRejectedException("The request has more than one " + name + " header.");
                    }
                }
                return checked;
            }

            @Override
            public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
                return strict.getFirewalledResponse(response);
            }
        };
    }

    /**
     * Headers a request may carry once: which of two tokens, idempotency keys or audit reasons was meant cannot be
     * told, so such a request is refused rather than judged by its first.
     */
    private static final Set<String> SINGLE_HEADERS = Set.of("authorization", "idempotency-key", "x-audit-reason",
            "content-type", "last-event-id");

    /** Whether every {@code %} of a query string begins an escape of two hexadecimal digits. */
    static boolean wellEscaped(String query) {
        if (query == null) {
            return true;
        }
        for (int i = query.indexOf('%'); i >= 0; i = query.indexOf('%', i + 1)) {
            if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0 || Character.digit(query.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean hasNoControlCharacter(String text) {
        return text == null || text.chars().noneMatch(Character::isISOControl);
    }

    /**
     * A request the firewall refuses (a method or host it does not allow, a path that is not normalized, a header or
     * parameter with characters that are not allowed) is answered in the dialect of its path, in place of any body
     * written so far. The detail does not repeat the refused value, which may be a token; the log has the reason.
     * The error page's dispatch of a request the server refused already (TRACE: 405, with its {@code Allow}) keeps
     * that refusal.
     */
    @Bean
    RequestRejectedHandler requestRejected(ErrorResponder responder) {
        return (request, response, exception) -> {
            log.debug("Refused by the firewall: {}", exception.getMessage());
            if (response.isCommitted()) {
                return;
            }
            response.resetBuffer();
            responder.write(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer refused
                    ? ApiErrors.forStatus(refused) : ApiErrors.from(exception), request, response);
        };
    }

    /** Accepts printable ASCII (space to tilde) at once and leaves the rest to {@code rule}, which accepts it too. */
    static Predicate<String> printableAsciiOr(Predicate<String> rule) {
        return text -> isPrintableAscii(text) || rule.test(text);
    }

    private static boolean isPrintableAscii(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    @Bean
    WebMvcConfigurer actorArguments(RouteAccess access) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ActorArgumentResolver());
            }

            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(new AccessFirstInterceptor(access))
                        .addPathPatterns("/workspace/**", "/docspace/**", "/client/v4/**", "/v1/**");
            }
        };
    }

    private static String unauthenticatedDetail(Exception exception) {
        return exception instanceof org.springframework.security.authentication.InsufficientAuthenticationException
                ? "A bearer token is required."
                : "The bearer token is not valid: " + exception.getMessage();
    }
}
