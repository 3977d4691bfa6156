package dev.membership.command.config;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
 *
 * <p>Commands that commit together ({@link #expect}) look up the store's numbers of all their aggregates in one
 * statement, when the first of them is checked. A later command of the batch is then compared with the store as it
 * was a few milliseconds earlier: a write of another node committed in between is found by the store as this batch
 * commits (the sequence number is taken) or, if this batch stores nothing for that aggregate, this command is answered
 * as if it had run just before that write, which it did not end after.
 */
public final class CachedAggregates {

    private static final String BATCH = CachedAggregates.class.getName() + ".batch";

    private final EventStore store;
    private final LastSequenceNumbers lastSequenceNumbers;
    private final boolean check;

    public CachedAggregates(EventStore store, LastSequenceNumbers lastSequenceNumbers, boolean check) {
        this.store = store;
        this.lastSequenceNumbers = lastSequenceNumbers;
        this.check = check;
    }

    /** For a node that is the only one on its database: nothing is compared. */
    public static CachedAggregates singleNode() {
        return new CachedAggregates(null, null, false);
    }

    /**
     * The store's last sequence numbers of several aggregates, read in one statement of the current transaction; an
     * aggregate with no events is left out.
     */
    @FunctionalInterface
    public interface LastSequenceNumbers {

        Map<String, Long> of(Collection<String> aggregateIds);
    }

    /**
     * Says which aggregates the commands of the batch whose root unit of work is {@code root} act on: their numbers are
     * looked up together when the first of them is checked, instead of one by one.
     */
    public void expect(UnitOfWork<?> root, Collection<String> aggregateIds) {
        if (check && lastSequenceNumbers != null && aggregateIds.size() > 1) {
            root.resources().put(BATCH, new Batch(Set.copyOf(aggregateIds)));
        }
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
        Batch batch = CurrentUnitOfWork.<Batch>map(unitOfWork -> unitOfWork.root().getResource(BATCH))
                .filter(expected -> expected.aggregates.contains(id))
                .orElse(null);
        Long stored = batch != null ? batch.stored(lastSequenceNumbers).get(id)
                : store.lastSequenceNumberFor(id).orElse(null);
        if (stored != null && (version == null || stored > version)) {
            throw new StaleAggregateException(id, version, stored);
        }
    }

    /** A batch's aggregates, and once the first is checked, their numbers in the store. */
    private static final class Batch {

        private final Set<String> aggregates;
        private Map<String, Long> stored;

        Batch(Set<String> aggregates) {
            this.aggregates = aggregates;
        }

        Map<String, Long> stored(LastSequenceNumbers lastSequenceNumbers) {
            if (stored == null) {
                stored = lastSequenceNumbers.of(aggregates);
            }
            return stored;
        }
    }

    /** The cached aggregate is behind the store: another node changed it. The command runs again on the stored state. */
    public static final class StaleAggregateException extends ConcurrencyException {

        StaleAggregateException(String aggregateId, Long version, long stored) {
            super("Aggregate " + aggregateId + " was cached at version " + version + "; the store holds " + stored);
        }
    }
}
