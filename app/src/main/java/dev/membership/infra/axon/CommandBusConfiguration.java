package dev.membership.infra.axon;

import dev.membership.infra.jdbc.BatchingConnection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The command bus: Axon's simple bus, with the commands sent at the same time committed together
 * ({@link BatchingCommandBus}) and their rows written in JDBC batches. Handlers, interceptors and correlation data
 * are wired as Axon's own configuration wires its bus.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class CommandBusConfiguration {

    @Bean(destroyMethod = "shutDown")
    BatchingCommandBus commandBus(TransactionManager transactionManager, DataSource dataSource, Configuration axon,
            DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
            @Value("${membership.commands.writers:4}") int writers,
            @Value("${membership.commands.max-batch:64}") int maxBatch) {
        BatchingCommandBus.Builder builder = BatchingCommandBus.builder()
                .writers(writers)
                .maxBatch(maxBatch)
                .transactionManager(transactionManager)
                .onBatchStart(root -> sendWritesInBatches(root, dataSource));
        builder.duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"));
        BatchingCommandBus bus = builder.build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }

    /**
     * A batch's one-row inserts and updates (its read models' rows, mostly) travel in JDBC batches, sent before any
     * statement that reads their tables and before the commit ({@link BatchingConnection}).
     */
    private static void sendWritesInBatches(UnitOfWork<?> root, DataSource dataSource) {
        BatchingConnection.Binding batching = BatchingConnection.bind(dataSource);
        if (batching == null) {
            return;
        }
        // commit handlers run in the reverse order of their registration: these rows go before the commit
        root.onCommit(unitOfWork -> {
            try {
                batching.finish();
            } catch (SQLException e) {
                throw new IllegalStateException("Writing the batch's rows failed: " + e.getMessage(), e);
            } finally {
                batching.close();
            }
        });
        root.onRollback(unitOfWork -> batching.close());
    }
}
