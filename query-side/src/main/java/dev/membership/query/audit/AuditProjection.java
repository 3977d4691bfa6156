package dev.membership.query.audit;

import dev.membership.api.audit.AuditPage;
import dev.membership.api.audit.FindAuditEntriesQuery;
import dev.membership.api.audit.FindSubjectHistoryQuery;
import dev.membership.api.invitation.InvitationExpiredEvent;
import dev.membership.api.shared.AuditMetadata;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes one audit row per event, keyed by its global position, from a tracking processor (the position is
 * only known once the event is stored). It also records the watermark: the highest position below which no
 * event can still appear, so readers of the log and the feed never skip an event that commits late. A gap in the
 * positions holds the watermark back until the event stored next after it was stored longer ago than the grace
 * period, by the database's clock: then the transaction that took that position can no longer commit (it rolled
 * back, or the database ended it at the commands' transaction timeout), and the gap is passed.
 */
@Component
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
class AuditProjection {

    static final String PROCESSING_GROUP = "audit";
    /** Payload fields that name the users, memberships and groups an event is about. */
    private static final Set<String> SUBJECT_FIELDS = Set.of("userId", "membershipId", "invitationId", "groupId",
            "managerMembershipId", "previousManagerMembershipId", "addedMembershipIds", "removedMembershipIds", "linkedMembershipIds");
    private static final ClassValue<EventShape> SHAPES = new ClassValue<>() {
        @Override
        protected EventShape computeValue(Class<?> type) {
            return EventShape.of(type);
        }
    };

    private final AuditRepository audit;
    private final Serializer serializer;
    private final Duration gapGrace;
    /** What a replay keeps between its events, each handled in a unit of work of its own; a reset starts it anew. */
    private volatile Batch replayed = new Batch();

    AuditProjection(AuditRepository audit, @Qualifier("eventSerializer") Serializer serializer,
            @Value("${membership.audit.gap-grace:PT30S}") Duration gapGrace) {
        this.audit = audit;
        this.serializer = serializer;
        this.gapGrace = gapGrace;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        GapAwareTrackingToken position = WrappedToken.unwrap(token, GapAwareTrackingToken.class)
                .orElseThrow(() -> new IllegalStateException("The audit log needs gap-aware positions, got " + token));
        Map<String, Object> metadata = event.getMetaData();
        boolean byTheService = payload instanceof InvitationExpiredEvent;
        EventShape shape = SHAPES.get(payload.getClass());
        boolean replay = isReplay(event);
        Batch batch = replay ? replayed : batch();
        // an event read from the store keeps its stored form (upcast where an upcaster applies), which is used as it
        // is, not written again; its revision is that form's
        SerializedObject<String> stored = event.serializePayload(serializer, String.class);
        audit.insert(new AuditRepository.Row(
                positionOf(event, position, batch),
                event.getIdentifier(),
                payload.getClass().getSimpleName(),
                stored.getType().getRevision(),
                event.getTimestamp().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), // as the store keeps it
                shape.organizationId(payload),
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null,
                byTheService ? AuditMetadata.SYSTEM : text(metadata.get(AuditMetadata.ACTOR_SUBJECT)),
                byTheService ? null : text(metadata.get(AuditMetadata.ACTOR_EMAIL)),
                shape.subjects(payload),
                stored.getData(),
                event.serializeMetaData(serializer, String.class).getData()));
        if (replay) {
            if (raiseInReplay(event, position)) {
                audit.raiseWatermark(position.getIndex(), position.getGaps(), gapGrace);
            }
        } else {
            raiseAtCommit(position, batch);
        }
    }

    /**
     * The event's own position. A token's index is the highest position seen, which is this event's position when
     * the index grew past the token of the event handled just before it (in the same processor batch, or earlier in
     * the same replay). An event that fills a gap (its transaction committed after a later one) sits below the index,
     * so the first event of a batch, and any event that did not raise the index, is looked up in the store.
     */
    private long positionOf(EventMessage<?> event, GapAwareTrackingToken position, Batch batch) {
        GapAwareTrackingToken before = batch == null ? null : batch.last;
        long known = before != null && position.getIndex() > before.getIndex()
                ? position.getIndex()
                : audit.positionOf(event.getIdentifier()).orElseThrow(() -> new IllegalStateException(
                        "Event " + event.getIdentifier() + " is not in the event store"));
        if (batch != null) {
            batch.last = position;
        }
        return known;
    }

    /**
     * Live, the watermark rises once per batch of the processor, with the last event's token, inside the batch's
     * transaction; without a unit of work (never, when run by the processor) it rises at once.
     */
    private void raiseAtCommit(GapAwareTrackingToken position, Batch batch) {
        if (batch == null) {
            audit.raiseWatermark(position.getIndex(), position.getGaps(), gapGrace);
            return;
        }
        if (!batch.raiseRegistered) {
            batch.raiseRegistered = true;
            CurrentUnitOfWork.get().root().onPrepareCommit(
                    unitOfWork -> audit.raiseWatermark(batch.last.getIndex(), batch.last.getGaps(), gapGrace));
        }
    }

    private static Batch batch() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(Batch.class.getName(), key -> new Batch())
                : null;
    }

    /** What the audit log keeps of the processor batch, or the replay, it is handling: the last event's token. */
    private static final class Batch {
        private GapAwareTrackingToken last;
        private boolean raiseRegistered;
    }

    private static boolean isReplay(EventMessage<?> event) {
        // the message's own token: a TrackingToken parameter comes unwrapped, without the replay's marker
        return event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() instanceof ReplayToken;
    }

    /**
     * A replay commits all at once, so no reader sees the watermark before its end: it is raised every 1,000
     * positions and at the replay's last position, which saves an update of the one watermark row per event.
     */
    private static boolean raiseInReplay(EventMessage<?> event, GapAwareTrackingToken position) {
        ReplayToken replay = (ReplayToken) ((TrackedEventMessage<?>) event).trackingToken();
        long end = replay.getTokenAtReset() == null ? 0 : replay.getTokenAtReset().position().orElse(0);
        return position.getIndex() >= end || position.getIndex() % 1000 == 0;
    }

    @QueryHandler
    AuditPage handle(FindAuditEntriesQuery query) {
        return audit.page(query);
    }

    @QueryHandler
    AuditPage handle(FindSubjectHistoryQuery query) {
        List<UUID> subjects = query.user()
                ? audit.membershipsOf(query.organizationId(), query.subjectId())
                : audit.isGroup(query.organizationId(), query.subjectId()) ? List.of(query.subjectId()) : List.of();
        if (subjects.isEmpty()) {
            return new AuditPage(List.of(), null); // no such user or group in the organization's log
        }
        return audit.page(new FindAuditEntriesQuery(query.organizationId(), query.after(), query.limit(), null, subjects,
                null, null, null));
    }

    @ResetHandler
    void reset() {
        replayed = new Batch();
        audit.deleteAll();
    }

    /**
     * What the audit log reads of an event type, found once per type: the record components that name its
     * organization and its subjects.
     */
    private record EventShape(Method organization, List<Method> subjectComponents) {

        static EventShape of(Class<?> type) {
            Method organization = null;
            List<Method> subjects = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals("organizationId") && component.getType() == UUID.class) {
                        organization = accessible(component.getAccessor());
                    }
                    if (SUBJECT_FIELDS.contains(component.getName())) {
                        subjects.add(accessible(component.getAccessor()));
                    }
                }
            }
            return new EventShape(organization, List.copyOf(subjects));
        }

        UUID organizationId(Object payload) {
            return organization == null ? null : (UUID) read(organization, payload);
        }

        List<UUID> subjects(Object payload) {
            Set<UUID> subjects = new LinkedHashSet<>();
            for (Method component : subjectComponents) {
                Object value = read(component, payload);
                if (value instanceof UUID id) {
                    subjects.add(id);
                } else if (value instanceof Collection<?> ids) {
                    ids.stream().filter(UUID.class::isInstance).map(UUID.class::cast).forEach(subjects::add);
                }
            }
            return new ArrayList<>(subjects);
        }

        private static Method accessible(Method accessor) {
            accessor.trySetAccessible(); // a record of another package need not be public
            return accessor;
        }

        private static Object read(Method accessor, Object payload) {
            try {
                return accessor.invoke(payload);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

}
