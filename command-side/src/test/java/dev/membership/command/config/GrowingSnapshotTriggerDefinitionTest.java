package dev.membership.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;

class GrowingSnapshotTriggerDefinitionTest {

    /** Records the sequence number after which each snapshot was asked for. */
    private final List<Long> snapshotsAfter = new ArrayList<>();
    private long applied = -1;
    private final Snapshotter snapshotter = (type, id) -> snapshotsAfter.add(applied);

    @Test
    void aSmallAggregateIsSnapshottedEveryMinimumNumberOfEvents() {
        SnapshotTrigger trigger = new GrowingSnapshotTriggerDefinition(snapshotter, 100, 0.25).prepareTrigger(Object.class);

        apply(trigger, 0, 399);

        assertThat(snapshotsAfter).containsExactly(99L, 199L, 299L, 399L);
    }

    @Test
    void aGrowingAggregateIsSnapshottedAfterAShareOfItsHistory() {
        SnapshotTrigger trigger = new GrowingSnapshotTriggerDefinition(snapshotter, 100, 0.25).prepareTrigger(Object.class);

        apply(trigger, 0, 9_999);

        // from 400 events on, the share outgrows the minimum: each gap is at least a quarter of the history
        assertThat(snapshotsAfter).hasSizeLessThan(20).startsWith(99L, 199L, 299L, 399L);
        for (int i = 1; i < snapshotsAfter.size(); i++) {
            long history = snapshotsAfter.get(i) + 1;
            long gap = snapshotsAfter.get(i) - snapshotsAfter.get(i - 1);
            assertThat(gap).isGreaterThanOrEqualTo(Math.max(100, history / 4)).isLessThanOrEqualTo(Math.max(100, history / 4) + 1);
        }
    }

    @Test
    void aShareOfZeroKeepsAFixedCount() {
        SnapshotTrigger trigger = new GrowingSnapshotTriggerDefinition(snapshotter, 250, 0).prepareTrigger(Object.class);

        apply(trigger, 0, 2_499);

        assertThat(snapshotsAfter).hasSize(10).allSatisfy(after -> assertThat((after + 1) % 250).isZero());
    }

    @Test
    void countingStartsAgainFromTheSnapshotAnAggregateWasLoadedFrom() {
        // an aggregate of 10,000 events loaded from its snapshot at 9,000: 1,000 replayed events are under a quarter
        SnapshotTrigger trigger = new GrowingSnapshotTriggerDefinition(snapshotter, 100, 0.25).prepareTrigger(Object.class);

        apply(trigger, 9_000, 9_999);
        assertThat(snapshotsAfter).isEmpty();

        apply(trigger, 10_000, 12_100);
        // 2,999 events since the snapshot, a quarter of the 11,999 in the history
        assertThat(snapshotsAfter).containsExactly(11_998L);
    }

    @Test
    void heavyEventsAreSnapshottedByTheirWeight_notByTheirNumber() {
        // payloads are their own weight: a group created with 10,000 members, then changed by 1,000 ids at a time
        SnapshotTrigger trigger = new GrowingSnapshotTriggerDefinition(snapshotter, 10_000, 0, payload -> (Integer) payload)
                .prepareTrigger(Object.class);

        applied = 0;
        trigger.eventHandled(new GenericDomainEventMessage<>("Group", "group-1", 0, 10_000));
        for (long sequence = 1; sequence <= 25; sequence++) {
            applied = sequence;
            trigger.eventHandled(new GenericDomainEventMessage<>("Group", "group-1", sequence, 1_000));
        }

        assertThat(snapshotsAfter).containsExactly(0L, 10L, 20L);
    }

    @Test
    void refusesASettingThatWouldSnapshotNeverOrAlways() {
        assertThatThrownBy(() -> new GrowingSnapshotTriggerDefinition(snapshotter, 0, 0.25))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GrowingSnapshotTriggerDefinition(snapshotter, 100, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void apply(SnapshotTrigger trigger, long from, long to) {
        for (long sequence = from; sequence <= to; sequence++) {
            applied = sequence;
            trigger.eventHandled(new GenericDomainEventMessage<>("Organization", "org-1", sequence, "event"));
        }
    }
}
