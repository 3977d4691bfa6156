package dev.membership.query.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.api.membership.UserRemovedEvent;
import dev.membership.api.shared.AuditMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * An event read from the store reaches the audit log with its stored payload and metadata, which the row keeps as
 * they are instead of serializing the event again; what the row says of the event is still read from its payload.
 */
class AuditProjectionStoredFormTest {

    private final AuditRepository audit = mock(AuditRepository.class);
    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).lenientDeserialization().build();
    private final AuditProjection projection = new AuditProjection(audit, serializer, Duration.ofSeconds(30));

    @Test
    void aStoredEvent_isLoggedWithItsStoredPayloadAndMetadata_andItsOrganizationAndSubjects() {
        UUID org = UUID.randomUUID();
        UUID membership = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        // spaced as the serializer would never write them, so the row shows which form it was given
        String payload = """
                { "organizationId" : "%s", "membershipId" : "%s", "userId" : "%s",
                  "email" : "gone@audit.test", "removedAt" : "2026-01-01T00:00:00Z" }""".formatted(org, membership, user);
        String metadata = "{ \"" + AuditMetadata.ACTOR_SUBJECT + "\" : \"auditor\" }";
        when(audit.positionOf("e1")).thenReturn(Optional.of(7L));
        TrackedEventMessage<?> event = stored("e1", org, payload, metadata, "1");

        projection.on(event.getPayload(), event, event.trackingToken());

        ArgumentCaptor<AuditRepository.Row> row = ArgumentCaptor.forClass(AuditRepository.Row.class);
        verify(audit).insert(row.capture());
        assertThat(row.getValue().payload()).isEqualTo(payload);
        assertThat(row.getValue().metadata()).isEqualTo(metadata);
        assertThat(row.getValue().type()).isEqualTo("UserRemovedEvent");
        assertThat(row.getValue().revision()).isEqualTo("1");
        assertThat(row.getValue().organizationId()).isEqualTo(org);
        assertThat(row.getValue().subjectIds()).containsExactly(membership, user);
        assertThat(row.getValue().actorSubject()).isEqualTo("auditor");
        assertThat(row.getValue().position()).isEqualTo(7L);
        verify(audit).raiseWatermark(eq(7L), any(), any());
    }

    @Test
    void theRowsRevision_isThatOfTheFormItKeeps_notTheEventClasssCurrentOne() {
        UUID org = UUID.randomUUID();
        // stored under revision 0 of a class now at revision 1, read leniently, without an upcaster
        String payload = """
                {"organizationId":"%s","membershipId":"%s","userId":"%s","email":"old@audit.test"}"""
                .formatted(org, UUID.randomUUID(), UUID.randomUUID());
        when(audit.positionOf("e2")).thenReturn(Optional.of(7L));
        TrackedEventMessage<?> event = stored("e2", org, payload, "{}", "0");

        projection.on(event.getPayload(), event, event.trackingToken());

        ArgumentCaptor<AuditRepository.Row> row = ArgumentCaptor.forClass(AuditRepository.Row.class);
        verify(audit).insert(row.capture());
        assertThat(row.getValue().payload()).isEqualTo(payload);
        assertThat(row.getValue().revision()).isEqualTo("0");
    }

    private TrackedEventMessage<?> stored(String id, UUID org, String payload, String metadata, String revision) {
        SerializedMessage<UserRemovedEvent> message = new SerializedMessage<>(id,
                new SimpleSerializedObject<>(payload.getBytes(UTF_8), byte[].class, UserRemovedEvent.class.getName(), revision),
                new SimpleSerializedObject<>(metadata.getBytes(UTF_8), byte[].class, MetaData.class.getName(), null),
                serializer);
        return new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(7, new TreeSet<>()),
                new GenericDomainEventMessage<>("Organization", org.toString(), 3, message, Instant.now()));
    }
}
