package dev.membership.query.organization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replayed events change an organization's counts once per transaction, just before it commits, and end with the
 * counts the live events gave; live events change them at once.
 */
class OrganizationCountsReplayTest extends ApiTestSupport {

    @Autowired
    private Configuration axon;
    @Autowired
    private EventStorageEngine storage;
    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void replayedCounts_areWrittenOnceAtTheCommit_andEqualTheLiveCounts() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        membership(org, owner, email("member"), "User");
        invite(org, owner, email("pending-a"), "User");
        invite(org, owner, email("pending-b"), "User");
        Map<String, Object> live = counts(org);
        assertThat(live).containsEntry("member_count", 2L).containsEntry("invitation_count", 2L);

        Map<String, Object> beforeCommit = new TransactionTemplate(transactionManager).execute(status -> {
            jdbc.sql("DELETE FROM read.organization_v1 WHERE organization_id = :id").param("id", org).update();
            replay(org);
            return counts(org);
        });

        assertThat(beforeCommit).containsEntry("member_count", 0L).containsEntry("invitation_count", 0L);
        assertThat(counts(org)).isEqualTo(live);
    }

    @Test
    void liveEvents_changeTheCountsAtOnce() {
        String owner = email("owner");
        UUID org = createOrganization(owner);
        assertThat(counts(org)).containsEntry("member_count", 1L).containsEntry("invitation_count", 0L);

        invite(org, owner, email("pending"), "User");

        assertThat(counts(org)).containsEntry("member_count", 1L).containsEntry("invitation_count", 1L);
    }

    /** Hands the organization's stored events to the read model's handlers as a replay, as a rebuild does. */
    private void replay(UUID org) {
        EventHandlerInvoker invoker = ((AbstractEventProcessor) axon.eventProcessingConfiguration()
                .eventProcessor("organizations").orElseThrow()).eventHandlerInvoker();
        GapAwareTrackingToken end = GapAwareTrackingToken.newInstance(Long.MAX_VALUE, new TreeSet<>());
        List<TrackedEventMessage<?>> events;
        try (Stream<? extends TrackedEventMessage<?>> all = storage.readEvents(null, false)) {
            events = all.filter(event -> event.getPayload().toString().contains(org.toString()))
                    .<TrackedEventMessage<?>>map(event -> event.withTrackingToken(
                            ReplayToken.createReplayToken(end, event.trackingToken())))
                    .toList();
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(5);
        for (TrackedEventMessage<?> event : events) {
            DefaultUnitOfWork.startAndGet(event).execute(() -> {
                try {
                    invoker.handle(event, Segment.ROOT_SEGMENT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private Map<String, Object> counts(UUID org) {
        return jdbc.sql("SELECT member_count, invitation_count FROM read.organization_v1 WHERE organization_id = :id")
                .param("id", org).query().singleRow();
    }
}
