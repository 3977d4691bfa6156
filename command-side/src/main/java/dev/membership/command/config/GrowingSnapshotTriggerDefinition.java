package dev.membership.command.config;

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
 */
public final class GrowingSnapshotTriggerDefinition implements SnapshotTriggerDefinition {

    private final Snapshotter snapshotter;
    private final int minimum;
    private final double share;

    /**
     * @param minimum the fewest events between two snapshots (at least 1)
     * @param share   the events between two snapshots as a share of the aggregate's history (0 for a fixed count)
     */
    public GrowingSnapshotTriggerDefinition(Snapshotter snapshotter, int minimum, double share) {
        if (minimum < 1 || share < 0 || share > 1) {
            throw new IllegalArgumentException("minimum must be at least 1 and share between 0 and 1");
        }
        this.snapshotter = snapshotter;
        this.minimum = minimum;
        this.share = share;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, minimum, share);
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
        private long sinceSnapshot;
        private long sequence;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int minimum, double share) {
            super(snapshotter, aggregateType);
            this.minimum = minimum;
            this.share = share;
        }

        @Override
        public void eventHandled(EventMessage<?> message) {
            if (message instanceof DomainEventMessage<?> domain) {
                sequence = domain.getSequenceNumber();
                sinceSnapshot++;
            }
            super.eventHandled(message);
        }

        @Override
        protected boolean exceedsThreshold() {
            return sinceSnapshot >= Math.max(minimum, (long) ((sequence + 1) * share));
        }

        @Override
        protected void reset() {
            sinceSnapshot = 0;
        }
    }
}
