package dev.membership.infra.axon;

import dev.membership.infra.jdbc.BatchingConnection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.JdbcException;
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
     * Binds a batching connection to the transaction of {@code root}, which must have begun and be the current unit of
     * work; its rows are sent by a commit handler, registered after the transaction's own and after the commit of the
     * event store's connection ({@code store}), so it runs before both: the rows and the events (or the token) they
     * go with commit together.
     */
    static void untilCommit(UnitOfWork<?> root, DataSource dataSource, ConnectionProvider store) {
        if (root.resources().putIfAbsent(BOUND, Boolean.TRUE) != null) {
            return;
        }
        attachStoreConnection(store);
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
    static MessageHandlerInterceptor<EventMessage<?>> forProcessorBatches(DataSource dataSource,
            ConnectionProvider store) {
        return (unitOfWork, chain) -> {
            untilCommit(unitOfWork.root(), dataSource, store);
            return chain.proceed();
        };
    }

    /**
     * Takes the event store's connection for the current unit of work, which must be the root. Axon's provider
     * registers the connection's commit on the unit of work that first takes it: taken here, that is the root, and
     * the commit is registered before any handler registered after this call, so it runs after them.
     */
    static void attachStoreConnection(ConnectionProvider store) {
        try {
            store.getConnection(); // held by the unit of work, closed when it ends
        } catch (SQLException e) {
            throw new JdbcException("Taking the event store's connection failed: " + e.getMessage(), e);
        }
    }
}
