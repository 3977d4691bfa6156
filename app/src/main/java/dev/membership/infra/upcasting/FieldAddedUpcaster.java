package dev.membership.infra.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * One revision of an event to the next, which added a field: the older revision is read with the field set to what it
 * could not tell (an empty list, or null), so the event's handlers see the field present in every revision.
 */
public class FieldAddedUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;
    private final String field;
    private final JsonNode unknown;

    public FieldAddedUpcaster(Class<?> event, String fromRevision, String toRevision, String field, JsonNode unknown) {
        this.from = new SimpleSerializedType(event.getName(), fromRevision);
        this.to = new SimpleSerializedType(event.getName(), toRevision);
        this.field = field;
        this.unknown = unknown;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            if (!event.has(field)) {
                event.set(field, unknown.deepCopy());
            }
            return event;
        });
    }
}
