package dev.membership.infra.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.group.GroupDeletedEvent;
import dev.membership.api.group.GroupManagerSetEvent;
import dev.membership.infra.axon.EventStoreConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * Group events stored before a field was added are read in today's shape, the field saying nothing is known (the
 * service's own upcaster chain holds these upcasters: {@code OlderRevisionsApiTest}).
 */
class FieldAddedUpcasterTest {

    private static final String GROUP = "99999999-8888-4777-8666-555555555555";
    private static final String ORG = "6f1c2b7a-3d4e-4f5a-8b9c-0d1e2f3a4b5c";
    private static final String ALICE = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(EventStoreConfiguration.eventMapper()).build();
    private final UpcastingConfiguration upcasters = new UpcastingConfiguration();

    @Test
    void aRevision1Deletion_isReadAsRevision2_namingNoMembers() {
        IntermediateEventRepresentation upcast = upcast(upcasters.groupDeletedMembersUpcaster(), GroupDeletedEvent.class, "1",
                "{\"groupId\": \"%s\", \"organizationId\": \"%s\", \"deletedAt\": \"2026-01-01T12:00:00Z\"}".formatted(GROUP, ORG));

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        GroupDeletedEvent event = serializer.deserialize(upcast.getData());
        assertThat(event.removedMembershipIds()).isEmpty();
        assertThat(event.deletedAt()).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
    }

    @Test
    void aRevision1ChangeOfManager_isReadAsRevision2_namingNoManagerBefore() {
        IntermediateEventRepresentation upcast = upcast(upcasters.groupPreviousManagerUpcaster(), GroupManagerSetEvent.class,
                "1", "{\"groupId\": \"%s\", \"organizationId\": \"%s\", \"managerMembershipId\": \"%s\"}".formatted(GROUP, ORG, ALICE));

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        GroupManagerSetEvent event = serializer.deserialize(upcast.getData());
        assertThat(event.managerMembershipId()).isEqualTo(UUID.fromString(ALICE));
        assertThat(event.previousManagerMembershipId()).isNull();
    }

    @Test
    void aRevision2Event_isLeftAsItIs() {
        IntermediateEventRepresentation stored = representation(GroupDeletedEvent.class, "2",
                "{\"groupId\": \"%s\", \"organizationId\": \"%s\", \"deletedAt\": \"2026-01-01T12:00:00Z\", \"removedMembershipIds\": [\"%s\"]}"
                        .formatted(GROUP, ORG, ALICE));

        IntermediateEventRepresentation result = upcasters.groupDeletedMembersUpcaster().upcast(Stream.of(stored)).toList().get(0);

        GroupDeletedEvent event = serializer.deserialize(result.getData());
        assertThat(event.removedMembershipIds()).containsExactly(UUID.fromString(ALICE));
    }

    private IntermediateEventRepresentation upcast(EventUpcaster upcaster, Class<?> type, String revision, String json) {
        return upcaster.upcast(Stream.of(representation(type, revision, json))).toList().get(0);
    }

    private IntermediateEventRepresentation representation(Class<?> type, String revision, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Group", GROUP, 3, "event-1",
                Instant.parse("2026-01-01T12:00:00Z"), type.getName(), revision, json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
