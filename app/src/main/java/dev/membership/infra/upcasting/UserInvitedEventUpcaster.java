package dev.membership.infra.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.membership.api.invitation.UserInvitedEvent;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code UserInvitedEvent} revision 0 to 1. Revision 0, the shape before invitations expired, has no
 * {@code expiresAt}; it is read as expiring 14 days after {@code invitedAt}, the service's default. This is the
 * pattern for every change of an event's shape: bump its {@code @Revision}, keep a fixture, add an upcaster.
 */
@Component
@Order(0)
public class UserInvitedEventUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_0 = new SimpleSerializedType(UserInvitedEvent.class.getName(), "0");
    static final String REVISION_1 = "1";
    static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofDays(14);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_0.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(UserInvitedEvent.class.getName(), REVISION_1),
                JsonNode.class, payload -> {
                    ObjectNode event = (ObjectNode) payload;
                    if (!event.hasNonNull("expiresAt") && event.hasNonNull("invitedAt")) {
                        Instant invitedAt = Instant.parse(event.get("invitedAt").asText());
                        event.put("expiresAt", invitedAt.plus(DEFAULT_TIME_TO_LIVE).toString());
                    }
                    return event;
                });
    }
}
