package dev.membership.infra.axon;

import dev.membership.infra.jdbc.QueryDeadline;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The query bus runs each query without a transaction of its own. A query handler reads with single statements in
 * autocommit, each on a snapshot of its own, which is what a read-committed transaction around it gave too; a
 * transaction only added a commit, one more round trip to the database, to every query. A handler that needs one
 * snapshot or a cursor over several statements opens a read-only transaction itself (the audit log's export does).
 * Each query has {@code membership.query.timeout} for its statements ({@link QueryDeadline}); one that takes longer
 * is cancelled by PostgreSQL and answered 503.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class QueryBusConfiguration {

    @Bean
    @Qualifier("localSegment")
    SimpleQueryBus queryBus(Configuration axon, @Value("${membership.query.timeout:PT10S}") Duration timeout) {
        SimpleQueryBus bus = SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
        bus.registerHandlerInterceptor(new QueryDeadline(timeout));
        return bus;
    }
}
