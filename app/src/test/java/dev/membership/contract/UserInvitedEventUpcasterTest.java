package dev.membership.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.membership.api.invitation.UserInvitedEvent;
import dev.membership.infra.axon.EventStoreConfiguration;
import dev.membership.infra.upcasting.UserInvitedEventUpcaster;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class UserInvitedEventUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(EventStoreConfiguration.eventMapper()).build();

    @Test
    void aRevision0InvitationIsReadAsRevision1ExpiringFourteenDaysAfterItWasMade() {
        String revision0 = """
                {"organizationId": "6f1c2b7a-3d4e-4f5a-8b9c-0d1e2f3a4b5c", "invitationId": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
                 "userId": "11111111-2222-4333-8444-555555555555", "email": "nina@acme.test",
                 "roleIds": [], "invitedByEmail": "olive@acme.test", "invitedAt": "2026-01-01T12:00:00Z"}""";
        IntermediateEventRepresentation stored = representation(revision0, "0");

        List<IntermediateEventRepresentation> upcast = new UserInvitedEventUpcaster().upcast(java.util.stream.Stream.of(stored)).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("1");
        UserInvitedEvent event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event.expiresAt()).isEqualTo(Instant.parse("2026-01-15T12:00:00Z"));
        assertThat(event.email()).isEqualTo("nina@acme.test");
    }

    @Test
    void aRevision1InvitationIsLeftAsItIs() {
        String revision1 = """
                {"organizationId": "6f1c2b7a-3d4e-4f5a-8b9c-0d1e2f3a4b5c", "invitationId": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
                 "userId": "11111111-2222-4333-8444-555555555555", "email": "nina@acme.test", "roleIds": [],
                 "invitedByEmail": "olive@acme.test", "invitedAt": "2026-01-01T12:00:00Z", "expiresAt": "2026-01-02T12:00:00Z"}""";

        IntermediateEventRepresentation result = new UserInvitedEventUpcaster()
                .upcast(java.util.stream.Stream.of(representation(revision1, "1"))).toList().get(0);

        UserInvitedEvent event = serializer.deserialize(result.getData());
        assertThat(event.expiresAt()).isEqualTo(Instant.parse("2026-01-02T12:00:00Z"));
        assertThat(result.getData(JsonNode.class).getData().get("expiresAt").asText()).isEqualTo("2026-01-02T12:00:00Z");
    }

    private IntermediateEventRepresentation representation(String json, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Organization",
                "6f1c2b7a-3d4e-4f5a-8b9c-0d1e2f3a4b5c", 3, "event-1", Instant.parse("2026-01-01T12:00:00Z"),
                UserInvitedEvent.class.getName(), revision, json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
