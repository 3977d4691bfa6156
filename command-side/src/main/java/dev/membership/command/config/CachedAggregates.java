package dev.membership.command.config;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Whether an aggregate this node holds in its cache is still the stored one. Each node caches the organizations and
 * groups it loads, and with more than one node on one database another node's commands change them behind its back. A
 * command that then changes the cached aggregate is refused by the store (its event's sequence number is taken), but
 * one that finds nothing to change, or refuses what the stored aggregate would allow, would be answered from the old
 * state: a role set back to what the old state shows, a group emptied that the other node filled, would be answered
 * 200 and stored nowhere. So before a cached aggregate handles a command, its version is compared with the store's
 * last sequence number for it (one look-up by the event table's key); one behind fails the command with
 * {@link StaleAggregateException}, whose rollback drops it from the cache, and the command bus runs the command again
 * on the stored state. A single node, the embedded database's case, has nothing to compare, and skips the look-up.
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
     * Fails with {@link StaleAggregateException} when the store holds events of {@code aggregateId} past
     * {@code version} (the version of the aggregate handling the command; within a batch it may be ahead of the
     * store, with the events of the batch's earlier commands, which is not stale).
     */
    public void requireCurrent(Object aggregateId, Long version) {
        if (!check) {
            return;
        }
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
