package dev.membership.infra.axon;

import dev.membership.infra.jdbc.BatchingConnection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The one-row writes of a unit of work's transaction into the projections' tables travel in JDBC batches
 * ({@link BatchingConnection}), sent before any statement that reads those tables and before the commit.
 */
final class BatchedWrites {

    private static final String BOUND = BatchedWrites.class.getName() + ".bound";

    private BatchedWrites() {
    }

    /**
     * Binds a batching connection to the transaction of {@code root}, which must have begun; its rows are sent by a
     * commit handler, so one registered after the transaction's own, which runs before it.
     */
    static void untilCommit(UnitOfWork<?> root, DataSource dataSource) {
        if (root.resources().putIfAbsent(BOUND, Boolean.TRUE) != null) {
            return;
        }
        BatchingConnection.Binding batching = BatchingConnection.bind(dataSource, BatchingConnection.PROJECTION_SCHEMAS);
        if (batching == null) {
            return;
        }
        // commit handlers run in the reverse order of their registration: these rows go before the commit
        root.onCommit(unitOfWork -> {
            try {
                batching.finish();
            } catch (SQLException e) {
                throw new IllegalStateException("Writing the batched rows failed: " + e.getMessage(), e);
            } finally {
                batching.close();
            }
        });
        root.onRollback(unitOfWork -> batching.close());
    }

    /** For a tracking processor: the rows of each batch of events it handles in one transaction go in batches. */
    static MessageHandlerInterceptor<EventMessage<?>> forProcessorBatches(DataSource dataSource) {
        return (unitOfWork, chain) -> {
            untilCommit(unitOfWork.root(), dataSource);
            return chain.proceed();
        };
    }
}
