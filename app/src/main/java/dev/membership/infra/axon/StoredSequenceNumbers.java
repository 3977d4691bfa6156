package dev.membership.infra.axon;

import dev.membership.command.config.CachedAggregates;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The last sequence numbers of several aggregates in one statement: for each id, the highest entry of the event
 * table's key (aggregate, sequence number), one backward step on the index each. Read on the event store's connection,
 * the one of the batch's transaction.
 */
final class StoredSequenceNumbers implements CachedAggregates.LastSequenceNumbers {

    private final ConnectionProvider storeConnections;
    private final String sql;

    StoredSequenceNumbers(ConnectionProvider storeConnections, EventSchema schema) {
        this.storeConnections = storeConnections;
        this.sql = "SELECT id, (SELECT max(" + schema.sequenceNumberColumn() + ") FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = id) FROM unnest(?::varchar[]) AS ids(id)";
    }

    /** The statement, its one parameter the ids as an array. */
    String statement() {
        return sql;
    }

    @Override
    public Map<String, Long> of(Collection<String> aggregateIds) {
        Map<String, Long> stored = new HashMap<>();
        // the unit of work's connection ignores this close; it is given back as the unit of work ends
        try (Connection connection = storeConnections.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Array ids = connection.createArrayOf("varchar", aggregateIds.toArray());
            statement.setArray(1, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long last = rows.getLong(2);
                    if (!rows.wasNull()) {
                        stored.put(rows.getString(1), last);
                    }
                }
            }
            ids.free();
        } catch (SQLException e) {
            throw new JdbcException("Reading the aggregates' last sequence numbers failed: " + e.getMessage(), e);
        }
        return stored;
    }
}
