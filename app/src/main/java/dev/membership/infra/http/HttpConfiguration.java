package dev.membership.infra.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.web.error.ErrorResponder;
import org.apache.catalina.core.StandardHost;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The body limit runs first of all filters, so no oversized body is read by security or idempotency; the write
 * limit runs after security; Tomcat's own refusals answer in the dialect of the path.
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    /** Requests Tomcat refuses before any filter runs are answered in the dialect of their path too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> dialectErrorReports(ErrorResponder errors, ObjectMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.getPipeline().addValve(new DialectErrorReportValve(errors, json));
                host.setErrorReportValveClass(DialectErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ErrorResponder errors,
            @Value("${membership.http.max-body-size:1048576}") int maxBodyBytes) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(errors, maxBodyBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** After the security chain, so only authenticated writes wait for a turn. */
    @Bean
    FilterRegistrationBean<ConcurrentWriteLimitFilter> concurrentWriteLimitFilter(ErrorResponder errors,
            @Value("${membership.http.max-concurrent-writes:64}") int maxConcurrentWrites,
            @Value("${membership.http.write-wait:PT5S}") Duration wait) {
        FilterRegistrationBean<ConcurrentWriteLimitFilter> registration =
                new FilterRegistrationBean<>(new ConcurrentWriteLimitFilter(errors, maxConcurrentWrites, wait));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
