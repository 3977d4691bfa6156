package dev.membership.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The audit log's processor hands it events in batches. Each event's position comes from the tokens where they
 * tell it (the index grew past the previous event's), and is looked up in the store where they cannot (the first
 * event of a batch, an event that fills a gap); the watermark rises once per batch, with the last token.
 */
class AuditProjectionBatchTest {

    private final AuditRepository audit = mock(AuditRepository.class);
    private final Serializer serializer = mock(Serializer.class);
    private final AuditProjection projection = new AuditProjection(audit, serializer, Duration.ofSeconds(30));

    @BeforeEach
    void serializeAnythingAsAnEmptyObject() {
        when(serializer.serialize(any(), eq(String.class)))
                .thenReturn(new SimpleSerializedObject<>("{}", String.class, "payload", null));
    }

    @Test
    void positionsComeFromTheTokensWithinABatchAndGapFillersAreLookedUp() {
        // stored order of commits: 12, then 10 (late, fills a gap), then 13; 11 is still open
        when(audit.positionOf("e12")).thenReturn(Optional.of(12L));
        when(audit.positionOf("e10")).thenReturn(Optional.of(10L));
        List<TrackedEventMessage<?>> batch = List.of(
                event("e12", token(12, 10, 11)),
                event("e10", token(12, 11)),
                event("e13", token(13, 11)));

        handleAsOneBatch(batch);

        assertThat(insertedPositions()).containsExactly(12L, 10L, 13L);
        verify(audit).positionOf("e12");
        verify(audit).positionOf("e10");
        verify(audit, never()).positionOf("e13");
        verify(audit, times(1)).raiseWatermark(eq(13L), eq(new TreeSet<>(List.of(11L))), any());
    }

    @Test
    void eachBatchLooksUpItsFirstEvent() {
        when(audit.positionOf("e5")).thenReturn(Optional.of(5L));
        when(audit.positionOf("e6")).thenReturn(Optional.of(6L));

        handleAsOneBatch(List.of(event("e5", token(5))));
        handleAsOneBatch(List.of(event("e6", token(6)), event("e7", token(7))));

        assertThat(insertedPositions()).containsExactly(5L, 6L, 7L);
        verify(audit, times(2)).positionOf(any());
        verify(audit).raiseWatermark(eq(5L), any(), any());
        verify(audit).raiseWatermark(eq(7L), any(), any());
    }

    @Test
    void aReplayTakesPositionsFromTheTokensOnceItsFirstEventIsLookedUp() {
        when(audit.positionOf("e1")).thenReturn(Optional.of(1L));
        when(audit.positionOf("e3")).thenReturn(Optional.of(3L));
        GapAwareTrackingToken end = token(4);
        projection.reset();

        // a replay hands events over one at a time, each in a unit of work of its own
        for (TrackedEventMessage<?> event : List.of(event("e1", token(1)), event("e2", token(2)),
                event("e4", token(4, 3)), event("e3", token(4)))) {
            handleAsOneBatch(List.of(event.withTrackingToken(ReplayToken.createReplayToken(end, event.trackingToken()))));
        }

        assertThat(insertedPositions()).containsExactly(1L, 2L, 4L, 3L);
        verify(audit, times(2)).positionOf(any());
        verify(audit, never()).raiseWatermark(eq(2L), any(), any());
    }

    private void handleAsOneBatch(List<TrackedEventMessage<?>> events) {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(events));
        unitOfWork.executeWithResult(() -> {
            TrackedEventMessage<?> event = (TrackedEventMessage<?>) CurrentUnitOfWork.get().getMessage();
            projection.on(event.getPayload(), event, unwrapped(event.trackingToken()));
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        assertThat(unitOfWork.getExecutionResult().isExceptionResult()).isFalse();
    }

    /** Axon passes a handler's TrackingToken parameter without the replay's wrapper. */
    private static TrackingToken unwrapped(TrackingToken token) {
        return token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
    }

    private List<Long> insertedPositions() {
        ArgumentCaptor<AuditRepository.Row> rows = ArgumentCaptor.forClass(AuditRepository.Row.class);
        verify(audit, org.mockito.Mockito.atLeast(0)).insert(rows.capture());
        return rows.getAllValues().stream().map(AuditRepository.Row::position).toList();
    }

    private static TrackedEventMessage<?> event(String id, GapAwareTrackingToken token) {
        return new GenericTrackedDomainEventMessage<>(token, new GenericDomainEventMessage<>("Organization", "org-1",
                0, "payload", Map.of(), id, Instant.now()));
    }

    private static GapAwareTrackingToken token(long index, long... gaps) {
        TreeSet<Long> open = new TreeSet<>();
        for (long gap : gaps) {
            open.add(gap);
        }
        return GapAwareTrackingToken.newInstance(index, open);
    }
}
