package dev.membership.infra.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.api.group.GroupDeletedEvent;
import dev.membership.api.group.GroupManagerSetEvent;
import dev.membership.support.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** The running service reads events stored in an older revision in today's shape, through Axon's upcaster chain. */
class OlderRevisionsApiTest extends ApiTestSupport {

    @Autowired
    private Configuration axon;

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer serializer;

    @Test
    void groupEventsStoredBeforeTheirFieldsWereAdded_areReadWithThoseFieldsEmpty() {
        UUID group = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        String deleted = "{\"groupId\": \"%s\", \"organizationId\": \"%s\", \"deletedAt\": \"2026-01-01T12:00:00Z\"}"
                .formatted(group, org);
        String managerSet = "{\"groupId\": \"%s\", \"organizationId\": \"%s\", \"managerMembershipId\": \"%s\"}"
                .formatted(group, org, alice);

        List<IntermediateEventRepresentation> upcast = axon.upcasterChain().upcast(Stream.of(
                representation(group, 0, GroupManagerSetEvent.class, managerSet),
                representation(group, 1, GroupDeletedEvent.class, deleted))).toList();

        assertThat(upcast).extracting(event -> event.getType().getRevision()).containsExactly("2", "2");
        GroupManagerSetEvent handedOver = serializer.deserialize(upcast.get(0).getData());
        assertThat(handedOver.managerMembershipId()).isEqualTo(alice);
        assertThat(handedOver.previousManagerMembershipId()).isNull();
        GroupDeletedEvent deletion = serializer.deserialize(upcast.get(1).getData());
        assertThat(deletion.removedMembershipIds()).isEmpty();
    }

    private IntermediateEventRepresentation representation(UUID group, long sequence, Class<?> type, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Group", group.toString(), sequence,
                UUID.randomUUID().toString(), Instant.parse("2026-01-01T12:00:00Z"), type.getName(), "1",
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
