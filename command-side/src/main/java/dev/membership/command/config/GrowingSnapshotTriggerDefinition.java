package dev.membership.command.config;

import java.io.Serializable;
import java.util.function.ToLongFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Snapshots an aggregate once the events applied since its last snapshot reach a share of its whole history, and at
 * least a minimum number of them.
 * <p>
 * A snapshot holds the aggregate's whole state, so with a fixed count of events between snapshots the cost per event
 * grows with the aggregate: an organization of 10,000 memberships writes megabytes every few hundred invites. Spacing
 * snapshots in proportion to the history keeps that cost per event flat, while a load from the store still replays
 * at most that share of the history after the snapshot it starts from.
 * <p>
 * Events may weigh more than one: the minimum then counts their weight, so an aggregate whose few events are large
 * (a group whose member replacements carry thousands of ids) is snapshotted by what a load would replay rather than
 * by how many events that is. The share still counts events.
 */
public final class GrowingSnapshotTriggerDefinition implements SnapshotTriggerDefinition {

    private final Snapshotter snapshotter;
    private final int minimum;
    private final double share;
    private final EventWeight weight;

    /**
     * @param minimum the fewest events between two snapshots (at least 1)
     * @param share   the events between two snapshots as a share of the aggregate's history (0 for a fixed count)
     */
    public GrowingSnapshotTriggerDefinition(Snapshotter snapshotter, int minimum, double share) {
        this(snapshotter, minimum, share, payload -> 1);
    }

    /**
     * @param minimum the least weight of the events between two snapshots (at least 1)
     * @param share   the events between two snapshots as a share of the aggregate's history (0 for a fixed count)
     * @param weight  what each event's payload weighs towards the minimum
     */
    public GrowingSnapshotTriggerDefinition(Snapshotter snapshotter, int minimum, double share, EventWeight weight) {
        if (minimum < 1 || share < 0 || share > 1) {
            throw new IllegalArgumentException("minimum must be at least 1 and share between 0 and 1");
        }
        this.snapshotter = snapshotter;
        this.minimum = minimum;
        this.share = share;
        this.weight = weight;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, minimum, share, weight);
    }

    /** What an event's payload weighs towards the minimum between snapshots (under 1 counts as 1); kept with the trigger. */
    @FunctionalInterface
    public interface EventWeight extends ToLongFunction<Object>, Serializable {
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger own) {
            own.setSnapshotter(snapshotter);
        }
        return trigger;
    }

    static final class Trigger extends AbstractSnapshotTrigger {

        private static final long serialVersionUID = 1L;

        private final int minimum;
        private final double share;
        private final EventWeight weight;
        private long sinceSnapshot;
        private long weightSinceSnapshot;
        private long sequence;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int minimum, double share, EventWeight weight) {
            super(snapshotter, aggregateType);
            this.minimum = minimum;
            this.share = share;
            this.weight = weight;
        }

        @Override
        public void eventHandled(EventMessage<?> message) {
            if (message instanceof DomainEventMessage<?> domain) {
                sequence = domain.getSequenceNumber();
                sinceSnapshot++;
                weightSinceSnapshot += Math.max(1, weight.applyAsLong(domain.getPayload()));
            }
            super.eventHandled(message);
        }

        @Override
        protected boolean exceedsThreshold() {
            return weightSinceSnapshot >= minimum && sinceSnapshot >= (long) ((sequence + 1) * share);
        }

        @Override
        protected void reset() {
            sinceSnapshot = 0;
            weightSinceSnapshot = 0;
        }
    }
}
