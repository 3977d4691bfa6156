package dev.membership.infra.projection;

import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the read models' locks are taken ({@link ProjectionLocks}): before a command is handled, and in every
 * transaction a read model's handlers run in. Checks at start that the time a write may take once it holds its locks
 * is well within the time the audit log and Axon's readers wait for a gap in the positions to fill.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class ProjectionLocksConfiguration {

    /** Subscribing and tracking read models alike take their read model's shared lock in every transaction. */
    @Bean
    static ConfigurerModule projectionLocks(JdbcClient jdbc) {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((config, processor) -> ProjectionLocks.interceptor(jdbc, config, processor));
    }

    @Bean
    InitializingBean locksBeforeCommands(CommandBus commandBus, Configuration axon, JdbcClient jdbc,
            @Value("${membership.commands.transaction-timeout:PT10S}") Duration transactionTimeout,
            @Value("${membership.audit.gap-grace:PT30S}") Duration gapGrace,
            @Value("${membership.event-store.gap-timeout:PT5M}") Duration gapTimeout) {
        checkedTransactionTimeout(transactionTimeout, gapGrace, gapTimeout);
        requireTransactionTimeout(jdbc);
        return () -> commandBus.registerHandlerInterceptor(ProjectionLocks.beforeHandling(jdbc, axon, transactionTimeout));
    }

    /**
     * The audit log passes a gap once the event stored after it is older than its grace, Axon's readers once that
     * event's time is older than their gap timeout: both are safe only when no transaction can still commit by then.
     * A write may take up to the transaction timeout from the moment it holds its locks, before it creates or stores any
     * event; half the grace leaves room for the time a commit takes to become visible and for the clocks involved.
     */
    static Duration checkedTransactionTimeout(Duration transactionTimeout, Duration gapGrace, Duration gapTimeout) {
        if (transactionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("membership.commands.transaction-timeout must be at least one second, not "
                    + transactionTimeout);
        }
        if (transactionTimeout.multipliedBy(2).compareTo(gapGrace) > 0) {
            throw new IllegalArgumentException("membership.commands.transaction-timeout (" + transactionTimeout
                    + ") must be at most half of membership.audit.gap-grace (" + gapGrace
                    + "): the audit log would pass gaps that a write still in time can fill");
        }
        if (gapGrace.compareTo(gapTimeout) > 0) {
            throw new IllegalArgumentException("membership.audit.gap-grace (" + gapGrace
                    + ") must be at most membership.event-store.gap-timeout (" + gapTimeout
                    + "): the audit log's reader would drop gaps the audit log still waits for");
        }
        return transactionTimeout;
    }

    /**
     * {@code transaction_timeout} came with PostgreSQL 17; an older server would refuse every write. And it must not be
     * set for the service's sessions already (on the server, the database or the role): a transaction arms its own
     * only when none runs, so an outer one would replace the service's bound, counted from the transaction's start,
     * a wait for a rebuild included.
     */
    static void requireTransactionTimeout(JdbcClient jdbc) {
        int version = jdbc.sql("SELECT current_setting('server_version_num')::int").query(Integer.class).single();
        if (version < 170000) {
            throw new IllegalStateException("The service needs PostgreSQL 17 or later (it bounds each write with"
                    + " transaction_timeout); this server is version " + version / 10000 + "." + version % 10000);
        }
        String outer = jdbc.sql("SELECT current_setting('transaction_timeout')").query(String.class).single();
        if (!"0".equals(outer)) {
            throw new IllegalStateException("transaction_timeout is " + outer + " for the service's sessions (set on the"
                    + " server, the database or the role): the service bounds each write itself"
                    + " (membership.commands.transaction-timeout); set it to 0 for the service's role");
        }
    }
}
