package dev.membership.command.config;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Whether an aggregate this node holds in its cache is still the stored one. Each node caches the organizations and
 * groups it loads, and with more than one node on one database another node's commands change them behind its back.
 *
 * <p>A command that changes a stale cached aggregate needs no look-up: its first event takes a sequence number the
 * store already holds, the store refuses it, and the command bus runs the command again on the stored state. What the
 * store cannot see is a command answered from the old state without an event: one that finds nothing to change (a role
 * set back to what the old state shows, a group filled that the other node emptied, answered 200 and stored nowhere),
 * or one refused for what the stored aggregate would allow (an invitation the other node made, not found). So once a
 * cached aggregate has handled a command, if it applied no event or refused, its version is compared with the store's
 * last sequence number for it (one look-up by the event table's key). One behind fails the command with
 * {@link StaleAggregateException}, whose rollback drops it from the cache, and the command bus runs the command again.
 * Commands that change something, the most common kind, cost no look-up. A single node, the embedded database's case,
 * has nothing to compare, and skips the look-up.
 */
public final class CachedAggregates {

    private final EventStore store;
    private final boolean check;

    public CachedAggregates(EventStore store, boolean check) {
        this.store = store;
        this.check = check;
    }

    /** For a node that is the only one on its database: nothing is compared. */
    public static CachedAggregates singleNode() {
        return new CachedAggregates(null, false);
    }

    /**
     * Handles the command ({@code chain}) on the aggregate {@code aggregateId}, whose handler interceptor calls this,
     * and, if it applied no event or refused, fails with {@link StaleAggregateException} instead when the store holds
     * events of the aggregate past the version it was handled at.
     */
    public Object handleCurrent(Object aggregateId, InterceptorChain chain) throws Exception {
        return handleCurrent(aggregateId, AggregateLifecycle::getVersion, chain::proceed);
    }

    /**
     * The same for a command handled outside the aggregate, by a handler that loads it from its repository (no handler
     * interceptor of the aggregate sees such a command): {@code version} reads the loaded aggregate's version.
     */
    public <T> T handleCurrent(Object aggregateId, Supplier<Long> version, Callable<T> handling) throws Exception {
        if (!check) {
            return handling.call();
        }
        Long before = version.get();
        T result;
        try {
            result = handling.call();
        } catch (Exception refused) {
            requireCurrent(aggregateId, before);
            throw refused;
        }
        if (Objects.equals(before, version.get())) {
            requireCurrent(aggregateId, before);
        }
        return result;
    }

    /**
     * Fails with {@link StaleAggregateException} when the store holds events of {@code aggregateId} past
     * {@code version} (the version of the aggregate handling the command; within a batch it may be ahead of the
     * store, with the events of the batch's earlier commands, which is not stale).
     */
    private void requireCurrent(Object aggregateId, Long version) {
        String id = aggregateId.toString();
        store.lastSequenceNumberFor(id).ifPresent(stored -> {
            if (version == null || stored > version) {
                throw new StaleAggregateException(id, version, stored);
            }
        });
    }

    /** The cached aggregate is behind the store: another node changed it. The command runs again on the stored state. */
    public static final class StaleAggregateException extends ConcurrencyException {

        StaleAggregateException(String aggregateId, Long version, long stored) {
            super("Aggregate " + aggregateId + " was cached at version " + version + "; the store holds " + stored);
        }
    }
}
