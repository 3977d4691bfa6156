package dev.membership.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.support.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A revision-0 event stored in PostgreSQL comes out of the event store upcast: the chain is wired in. */
class UpcasterWiringTest extends ApiTestSupport {

    @Autowired
    private EventStore eventStore;

    @Test
    void aStoredRevision0InvitationIsReadUpcastFromTheEventStore() {
        String aggregate = UUID.randomUUID().toString();
        String payload = """
                {"organizationId": "%s", "invitationId": "%s", "userId": "%s", "email": "old@acme.test", "roleIds": [],
                 "invitedByEmail": "olive@acme.test", "invitedAt": "2025-06-01T08:00:00Z"}"""
                .formatted(aggregate, UUID.randomUUID(), UUID.randomUUID());
        jdbc.sql("""
                        INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                                        payload, payload_revision, payload_type, time_stamp)
                        VALUES (:aggregate, 0, 'Organization', :eventId, :metadata, :payload, '0', :type, :timestamp)""")
                .param("aggregate", aggregate).param("eventId", UUID.randomUUID().toString())
                .param("metadata", "{}".getBytes(StandardCharsets.UTF_8))
                .param("payload", payload.getBytes(StandardCharsets.UTF_8))
                .param("type", UserInvitedEvent.class.getName())
                .param("timestamp", "2025-06-01T08:00:00Z")
                .update();

        DomainEventMessage<?> event = eventStore.readEvents(aggregate).next();

        assertThat(event.getPayload()).isInstanceOfSatisfying(UserInvitedEvent.class,
                invited -> assertThat(invited.expiresAt()).isEqualTo(Instant.parse("2025-06-15T08:00:00Z")));
    }
}
