package dev.membership.infra.idempotency;

import dev.membership.security.RouteAccess;
import dev.membership.web.error.ErrorResponder;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs the idempotency filter after authentication, so keys are kept per caller. */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient jdbc, ErrorResponder errors, RouteAccess access,
            @Value("${membership.http.max-body-size:1048576}") int maxBodyBytes,
            @Value("${membership.idempotency.retention:PT24H}") Duration retention) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, errors, maxBodyBytes, retention, access::require));
        registration.setOrder(0); // Spring Security's chain runs at -100
        return registration;
    }
}
