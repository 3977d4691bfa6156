package dev.membership.infra.axon;

import dev.membership.command.group.MissingGroups;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The command bus: Axon's simple bus, with the commands sent at the same time committed together
 * ({@link BatchingCommandBus}) and their rows written in JDBC batches. Handlers, interceptors and correlation data
 * are wired as Axon's own configuration wires its bus.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class CommandBusConfiguration {

    @Bean // stopped by Axon's lifecycle (BatchingCommandBus#registerLifecycleHandlers), before the handlers it serves
    BatchingCommandBus commandBus(TransactionManager transactionManager, DataSource dataSource,
            ConnectionProvider storeConnections, Configuration axon,
            DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
            @Value("${membership.commands.writers:4}") int writers,
            @Value("${membership.commands.max-batch:64}") int maxBatch) {
        BatchingCommandBus.Builder builder = BatchingCommandBus.builder()
                .writers(writers)
                .maxBatch(maxBatch)
                .transactionManager(transactionManager)
                .storeConnections(storeConnections)
                .onBatchStart(root -> BatchedWrites.untilCommit(root, dataSource, storeConnections));
        builder.duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"));
        BatchingCommandBus bus = builder.build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        bus.registerHandlerInterceptor(new MissingGroups());
        return bus;
    }
}
